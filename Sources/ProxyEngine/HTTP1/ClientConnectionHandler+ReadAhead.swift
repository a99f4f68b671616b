import NIOCore

/// Reading on while a response is awaited. HAProxy keeps polling a client
/// for reading while its request is at the server (a next request waits in
/// its buffer); holding the read back instead makes NIO drop the socket's read
/// interest and take it again after the response, two `epoll_ctl` calls per
/// request (Benchmarks/instructions-per-request.sh counts them). So once a
/// request has been sent whole, the client's next bytes are read into `input`,
/// used after the response in order, up to one buffer (`tune.bufsize`);
/// beyond that, reads are held back until the response is done.
extension ClientConnectionHandler {
    /// Whether a read goes on although the request in progress takes no more input.
    var readsAhead: Bool {
        guard exchange != nil, machine.requestComplete else { return false }
        return (input?.readableBytes ?? 0) < limits.bufferSize
    }
}
