public import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 client over SwiftNIO for the device-information channels: one request
/// per connection (`Connection: close`), a deadline for the whole exchange (resolve, connect,
/// write, response), size limits, and the response kept byte for byte.
public struct HTTPClient: Sendable {
    public var limits: HTTPClientLimits
    private let group: any EventLoopGroup

    public init(limits: HTTPClientLimits = .default, eventLoopGroup: (any EventLoopGroup)? = nil) {
        self.limits = limits
        self.group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
    }

    /// Sends `request` to `host:port` and waits for the response until `deadline`.
    public func send(
        _ request: HTTPRequestMessage,
        host: String,
        port: Int,
        deadline: ContinuousClock.Instant
    ) async -> Result<HTTPFetchedResponse, HTTPClientFailure> {
        let eventLoop = group.next()
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { return .failure(.timeout(receivedBytes: 0)) }
        let nioDeadline = NIODeadline.now() + .nanoseconds(max(1, remaining.nanoseconds))
        let addresses: [SocketAddress]
        do {
            addresses = try await HostResolver.resolve(host: host, port: port, eventLoop: eventLoop, timeout: remaining)
                .get()
        } catch {
            return .failure(.resolve(String(describing: error)))
        }
        guard let address = addresses.first else { return .failure(.resolve("no address")) }
        let peer = RTSPConnection.describe(address)
        let promise = eventLoop.makePromise(of: HTTPFetchedResponse.self)
        let once = OnceFlag()
        let limits = limits
        let timer = eventLoop.scheduleTask(deadline: nioDeadline) {
            if once.claim() { promise.fail(HTTPClientFailure.timeout(receivedBytes: 0)) }
        }
        defer {
            timer.cancel()
            // NIO traps on a promise never completed.
            if once.claim() { promise.fail(HTTPClientFailure.io("abandoned")) }
        }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(max(1, (deadline - ContinuousClock.now).nanoseconds)))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPResponseReader(promise: promise, once: once, limits: limits)
                    )
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(to: address).get()
        } catch let error as ChannelError {
            if case .connectTimeout = error { return .failure(.connectTimeout(peer)) }
            return .failure(.unreachable("\(peer): \(error)"))
        } catch let error as IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return .failure(.connectionRefused(peer))
            case ETIMEDOUT: return .failure(.connectTimeout(peer))
            default: return .failure(.unreachable("\(peer): \(RTSPConnection.errnoText(error.errnoCode))"))
            }
        } catch {
            return .failure(.unreachable("\(peer): \(error)"))
        }
        let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        channel.writeAndFlush(ByteBuffer(bytes: request.serialize(host: hostHeader)), promise: nil)
        let result: Result<HTTPFetchedResponse, HTTPClientFailure>
        do {
            result = .success(try await promise.futureResult.get())
        } catch let failure as HTTPClientFailure {
            if case .timeout = failure {
                let received = try? await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.handler(type: HTTPResponseReader.self).receivedCount
                }.get()
                result = .failure(.timeout(receivedBytes: received ?? 0))
            } else {
                result = .failure(failure)
            }
        } catch {
            result = .failure(.io(String(describing: error)))
        }
        try? await channel.close()
        return result
    }
}
