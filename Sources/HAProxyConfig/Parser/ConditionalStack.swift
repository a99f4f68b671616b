/// Tracks nested `.if/.elif/.else/.endif` blocks the way HAProxy does:
/// once a branch has been taken, the following `.elif`/`.else` branches
/// are skipped, and everything inside a skipped branch is skipped too.
struct ConditionalStack {
    enum State {
        case taking
        case waiting
        case done
        case elseTaking
        case elseDropping
        case ignored
    }

    struct Frame {
        var state: State
        var openedAt: Int
        var sawElse: Bool { state == .elseTaking || state == .elseDropping }
    }

    static let maximumDepth = 99
    private(set) var frames: [Frame] = []

    var isActive: Bool {
        frames.allSatisfy { $0.state == .taking || $0.state == .elseTaking }
    }

    var depth: Int { frames.count }

    /// Whether an `.if`/`.elif` condition needs evaluating at this point.
    var parentIsActive: Bool {
        frames.dropLast().allSatisfy { $0.state == .taking || $0.state == .elseTaking }
    }

    mutating func openIf(_ condition: Bool?, at offset: Int) {
        if !isActive {
            frames.append(Frame(state: .ignored, openedAt: offset))
        } else {
            frames.append(Frame(state: condition == true ? .taking : .waiting, openedAt: offset))
        }
    }

    /// Whether an `.elif` here would evaluate its condition.
    var elifNeedsCondition: Bool {
        guard let last = frames.last else { return false }
        return last.state == .waiting && parentIsActive
    }

    enum Problem { case lone, afterElse }

    mutating func elif(_ condition: Bool?) -> Problem? {
        guard let last = frames.last else { return .lone }
        if last.sawElse { return .afterElse }
        switch last.state {
        case .taking, .done: frames[frames.count - 1].state = .done
        case .waiting: frames[frames.count - 1].state = condition == true ? .taking : .waiting
        default: break
        }
        return nil
    }

    mutating func otherwise() -> Problem? {
        guard let last = frames.last else { return .lone }
        if last.sawElse { return .afterElse }
        switch last.state {
        case .waiting: frames[frames.count - 1].state = .elseTaking
        case .ignored: break
        default: frames[frames.count - 1].state = .elseDropping
        }
        return nil
    }

    mutating func endIf() -> Problem? {
        guard frames.popLast() != nil else { return .lone }
        return nil
    }
}
