import CamprintCodecs
import CamprintTestSupport
import CamprintWire
import Testing

@Suite struct SEITests {
    @Test func privateType229OneByte() throws {
        let sei = try SEI(parsingNALUnit: [0x06, 0xE5, 0x01, 0x4B, 0x80], codec: .h264)
        #expect(sei.messages.count == 1)
        #expect(sei.messages[0].payloadType == 229 && sei.messages[0].payload.bytes == [0x4B])
        #expect(sei.quirks.isEmpty)
    }

    @Test func extendedTypeAndSizeBytes() throws {
        // payloadType 0xFF + 0x01 = 256, payloadSize 0xFF + 0x02 = 257.
        let payload = [UInt8](repeating: 0x11, count: 257)
        let sei = try SEI(parsingNALUnit: [0x06, 0xFF, 0x01, 0xFF, 0x02] + payload + [0x80], codec: .h264)
        #expect(sei.messages.map(\.payloadType) == [256] && sei.messages[0].payload.count == 257)
    }

    @Test func sizeOverflowingNALKeepsBytesAndRecordsQuirk() throws {
        let sei = try SEI(parsingNALUnit: [0x4E, 0x01, 0x05, 0x20, 1, 2, 3], codec: .h265)
        #expect(sei.messages.first?.isTruncated == true && sei.messages.first?.payload.bytes == [1, 2, 3])
        #expect(sei.quirks.map(\.code) == ["sei.payload.truncated"])
    }

    @Test func hugeDeclaredSizeIsBounded() throws {
        let bytes: [UInt8] = [0x06, 0x05] + [UInt8](repeating: 0xFF, count: 70_000) + [0x00]
        let sei = try SEI(parsingNALUnit: bytes, codec: .h264)
        #expect(sei.messages.isEmpty && sei.quirks.map(\.code) == ["sei.payload.size-over-limit"])
    }

    @Test func recoveryPointH264AndH265() throws {
        // recovery_frame_cnt 0 (1), exact 0, broken 0, changing 00 -> 1000 0 + trailing.
        let h264 = try SEI(parsingNALUnit: [0x06, 0x06, 0x01, 0x80, 0x80], codec: .h264)
        #expect(
            h264.messages.first?.content
                == .recoveryPoint(
                    .init(recoveryCount: 0, exactMatchFlag: false, brokenLinkFlag: false, changingSliceGroupIdc: 0)
                )
        )
        // recovery_poc_cnt se(-1) = ue 2 = 011, exact 1 -> 0111 0000.
        let h265 = try SEI(parsingNALUnit: [0x4E, 0x01, 0x06, 0x01, 0x70, 0x80], codec: .h265)
        #expect(
            h265.messages.first?.content
                == .recoveryPoint(
                    .init(recoveryCount: -1, exactMatchFlag: true, brokenLinkFlag: false, changingSliceGroupIdc: nil)
                )
        )
    }

    @Test func truncatedHeaderAndWrongType() throws {
        let sei = try SEI(parsingNALUnit: [0x06, 0xFF], codec: .h264)
        #expect(sei.quirks.map(\.code) == ["sei.header.truncated"])
        #expect(throws: CodecError.self) { try SEI(parsingNALUnit: [0x67, 0x05], codec: .h264) }
    }

    /// The ONVIF media signing file's SEI NAL units are read straight out of the MP4 `mdat`
    /// (4-byte lengths): every user_data_unregistered payload must be complete.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason)) func onvifSignedUserDataIsKeptWhole() throws {
        let path = "sei/onvif_media_signing_test_signed_h264.mp4"
        let bytes = try Corpus.bytes(path)
        let tag = Array("mdat".utf8)
        let tagIndex = try #require((4..<(bytes.count - 3)).first { Array(bytes[$0..<$0 + 4]) == tag }, "\(path)")
        let size = bytes[(tagIndex - 4)..<tagIndex].reduce(0) { $0 << 8 | Int($1) }
        let mdat = Array(bytes[(tagIndex + 4)..<min(bytes.count, tagIndex - 4 + size)])
        let split = try LengthPrefixed.split(mdat, lengthSize: 4)
        var signed: [SEIMessage] = []
        for unit in split.units where mdat[unit.lowerBound] & 0x1F == 6 {
            let sei = try SEI(parsingNALUnit: mdat[unit], codec: .h264)
            #expect(!sei.quirks.contains { $0.code == "sei.payload.truncated" }, "\(path) at \(unit): \(sei.quirks)")
            signed += sei.messages.filter { $0.payloadType == 5 }
        }
        #expect(signed.count >= 5, "\(path)")
        #expect(signed.allSatisfy { !$0.isTruncated && $0.payload.count == $0.payloadSize })
        // FFmpeg rejects the NAL unit whose 2781-byte payload runs to the very last byte
        // ("payload_size too large"); the bytes are all there.
        #expect(signed.map(\.payloadSize) == [2781, 2781, 2781, 2781, 1053], "\(path)")
        if case .userDataUnregistered(let uuid, _)? = signed.first?.content {
            #expect(uuid.description == "005bc93f2d715e95ada4796f90877a6f")
        } else {
            Issue.record("\(path): first signed SEI is not user_data_unregistered")
        }
    }
}
