import Testing

@Suite struct RTSPPlaceholderTests {
    @Test func builds() {}
}
