/// Test input with `↓` markers placed right before the places where
/// findings must start; the markers are removed from the bytes. Tests use
/// it so that no line or column number is ever written by hand.
public struct MarkedText {
    /// The text without its markers.
    public let bytes: [UInt8]
    /// Byte offsets of the markers in `bytes`, in order.
    public let markers: [Int]

    public init(_ text: String, marker: String = "↓") {
        var bytes: [UInt8] = []
        var markers: [Int] = []
        let marker = Array(marker.utf8)
        let raw = Array(text.utf8)
        var index = 0
        while index < raw.count {
            if index + marker.count <= raw.count, Array(raw[index..<index + marker.count]) == marker {
                markers.append(bytes.count)
                index += marker.count
            } else {
                bytes.append(raw[index])
                index += 1
            }
        }
        self.bytes = bytes
        self.markers = markers
    }
}
