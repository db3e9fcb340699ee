import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-request HTTP listener on 127.0.0.1 for webhook tests: answers 200 and keeps the body.
public final class HTTPListener: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    private let socket: Int32
    private let received = DispatchSemaphore(value: 0)
    private var request = ""

    /// Starts listening on a free port.
    public init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        listen(socket, 1)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    /// The request received (headers and body), waiting up to `seconds` for it.
    public func waitForRequest(seconds: Double = 10) -> String? {
        received.wait(timeout: .now() + seconds) == .success ? request : nil
    }

    private func serve() {
        let client = accept(socket, nil, nil)
        defer { close(client); close(socket); received.signal() }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
            let text = String(decoding: data, as: UTF8.self)
            if let split = text.range(of: "\r\n\r\n"),
               let length = text[..<split.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") })
                .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
               text.utf8.distance(from: split.upperBound.samePosition(in: text.utf8)!, to: text.utf8.endIndex) >= length
            {
                request = text
                break
            }
        }
        let reply = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        _ = reply.withCString { send(client, $0, strlen($0), 0) }
    }
}
