// Placeholder; replaced by the module's parsers.
import CamprintWire

enum CamprintSDPPlaceholder {}
