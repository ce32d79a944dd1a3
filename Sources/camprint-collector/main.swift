import CamprintCollector

await CollectorMain.run()
