import CamprintCLI

await runCamprint()
