// camprint-testcam: an RTSP camera emulator for tests and the demo (see CamprintTestcam).
import CamprintTestcam
import Foundation

exit(await TestcamCommandLine.run(arguments: Array(CommandLine.arguments.dropFirst())))
