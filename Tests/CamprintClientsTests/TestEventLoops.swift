import NIOPosix

/// The HTTP client tests' own event loop: the shared singleton group also runs the other suites'
/// probes and servers, and a loop busy there for seconds turned loopback connects into timeouts.
enum TestEventLoops {
    static let client = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// The in-test HTTP servers' loop, for the same reason.
    static let server = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
