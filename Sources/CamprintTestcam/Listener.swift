/// The cameras behind one listening socket: one camera (which then answers on any path, as
/// real cameras answer `rtsp://ip:554` too), or several told apart by path.
final class Listener: Sendable {
    let cameras: [Camera]
    let log: AuthFailureLog

    init(cameras: [Camera], log: AuthFailureLog = .standardError) {
        self.cameras = cameras
        self.log = log
    }

    /// The camera for a request path: the only one, or the longest matching path prefix.
    /// With `strict` (the `own_path_only` fault) a camera alone on its port answers only on its path.
    func camera(path: String, pathAndQuery: String, strict: Bool = false) -> Camera? {
        if cameras.count == 1, !strict || cameras[0].config.faults.own_path_only != true { return cameras[0] }
        var best: Camera?
        var bestLength = -1
        for camera in cameras {
            let prefix = camera.config.path
            let matches =
                prefix.contains("?")
                ? pathAndQuery.hasPrefix(prefix)
                : path == prefix || path.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/")
            if matches, prefix.count > bestLength {
                best = camera
                bestLength = prefix.count
            }
        }
        return best
    }

    /// The camera whose faults apply before any request is read.
    var singleCamera: Camera? { cameras.count == 1 ? cameras[0] : nil }
}
