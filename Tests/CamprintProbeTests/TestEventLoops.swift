import NIOPosix

/// The HTTP client tests' own event loop: the shared singleton group also runs the other suites'
/// probes and servers, and a loop busy there for seconds turned loopback connects into timeouts.
enum TestEventLoops {
    static let client = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
