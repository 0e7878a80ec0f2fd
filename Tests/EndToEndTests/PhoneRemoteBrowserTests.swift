import Foundation
import Testing

extension RealTime {
    /// The phone remote in a real browser (headless Chromium over WebDriver), against a
    /// `serve` playing into the private PulseAudio: what a person with a phone on the mat does.
    @Suite("the phone remote in a browser", .enabled(if: Browser.available, "needs chromium and chromium-driver (scripts/setup)"))
    struct PhoneRemoteBrowserTests {
        static let routine = """
            name: From the phone
            lead_in: 0.5s
            defaults: {transition: 30s, hold: 5s, breath: off}
            exercises:
              - {name: Cat and cow, instruction: a}
              - {name: Child's pose, instruction: b, sides: [left, right]}
              - {name: Rest, instruction: c}
            """

        @Test func startPauseSkipAndStopFromThePage() throws {
            let port = HTTPExchange.freePort()
            let served = try ServeTests.Served(config: "device: pulse\nvoice: off\nremote: {listen: 127.0.0.1:\(port)}\n")
            let routines = served.studio.folder.appendingPathComponent("data/stretchcue/routines")
            _ = try Program.write(Self.routine, to: "phone.yaml", in: routines)
            #expect(served.notify.waitFor("READY=1", within: 10))
            #expect(served.player.waitForLog("phone remote at http://127.0.0.1:\(port)/"), "\(served.player.log)")
            let token = try String(contentsOf: served.studio.folder.appendingPathComponent("state/stretchcue/remote-token"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let browser = try Browser()

            // Without the key the page is refused.
            try browser.open("http://127.0.0.1:\(port)/")
            let refused = try browser.text("body")
            #expect(refused.contains("this page needs its link with the key"), "\(refused)")

            // The link of the QR code: the page, following the waiting player.
            try browser.open("http://127.0.0.1:\(port)/?token=\(token)")
            #expect(eventually(within: 5) { (try? browser.text("#headline")) == "Ready for a session" }, "\((try? browser.text("body")) ?? "")")
            #expect(try browser.script("return location.search") as? String == "", "the key left the address bar")
            #expect(eventually(within: 5) { (try? browser.script("return document.querySelector('#routines').options.length")) as? Int ?? 0 >= 2 })
            _ = try browser.script("document.querySelector('#routines').value = 'phone'; document.querySelector('#patterns').value = 'box'")
            try browser.tap("#start")
            #expect(eventually { served.studio.status("name") as? String == "Cat and cow" }, "\(served.player.log)")
            #expect(served.studio.status("tempo") as? String == "box")
            #expect(eventually(within: 2) { (try? browser.text("#counter")) == "Exercise 1 of 3" })
            #expect(try browser.text("#name") == "Cat and cow")
            // The exercise chime has rung out (its onset must stand apart from the pause's).
            #expect(eventually { (served.studio.status("elapsed") as? Double ?? 0) >= 3 })

            try browser.tap("#toggle")
            #expect(eventually(within: 2) { served.studio.status("state") as? String == "paused" })
            #expect(eventually(within: 1) { (try? browser.text("#headline")) == "Paused" }, "the page says so within a second")
            #expect(try browser.text("#toggle") == "Resume")
            usleep(1_500_000) // the pause chime rings out before the resume chime
            try browser.tap("#toggle")
            #expect(eventually(within: 2) { served.studio.status("state") as? String == "playing" })
            #expect(eventually { (served.studio.status("elapsed") as? Double ?? 0) >= 5 }, "the resume chime and its lead-in are past")

            let tapped = Date()
            try browser.tap("#next")
            #expect(eventually(within: 1) { (try? browser.text("#counter")) == "Exercise 2 of 3" },
                    "the page shows the next exercise within a second")
            let shown = Date().timeIntervalSince(tapped)
            #expect(shown < 1, "shown after \(shown) s")
            #expect(served.studio.status("exercise") as? Int == 2)
            #expect(try browser.text("#name") == "Child's pose")
            #expect(try browser.text("#side") == "left")
            #expect(eventually { (try? browser.text("#announce"))?.contains("Exercise 2 of 3: Child's pose, left.") == true },
                    "the live region tells a screen reader")
            usleep(1_500_000) // the next exercise's chime is heard, and the page counts down
            try FileManager.default.createDirectory(at: PhoneRemoteBrowserTests.screenshots, withIntermediateDirectories: true)
            try browser.screenshot().write(to: PhoneRemoteBrowserTests.screenshots.appendingPathComponent("remote.png"))

            try browser.tap("#stop")
            #expect(served.waitUntilIdle(within: 10), "\(served.player.log)")
            #expect(eventually(within: 2) { (try? browser.text("#headline")) == "Ready for a session" })
            #expect(try browser.text("#message").contains("stopped in Child's pose"))

            // Heard: exercise 1, the pause, the resume, then exercise 2's chime after the tap.
            usleep(300_000)
            let audio = try served.studio.recorded()
            let onsets = Onsets.find(in: audio, quiet: 4_800)
            try #require(onsets.count >= 4, "onsets at \(onsets.map { Double($0) / 48_000 })")
            let finder = try CueFinder(rate: Studio.rate)
            let heard = onsets.prefix(4).map { finder.kind(near: $0, in: audio) }
            #expect(heard == ["exercise", "pause", "resume", "exercise"], "onsets at \(onsets.map { Double($0) / 48_000 })")

            kill(served.pid, SIGTERM)
            #expect(served.player.finish(within: 10) == 0)
        }

        /// The page is dark, as a room at stretching time is, whatever colours the phone asks for.
        @Test(arguments: [false, true])
        func thePageIsDarkWhateverThePhonePrefers(prefersLight: Bool) throws {
            let served = try PhoneRemoteTests.Served()
            try #require(served.ready(), "\(served.output)")
            let browser = try Browser(prefersLight: prefersLight)
            try browser.open("http://127.0.0.1:\(served.port)/?token=\(served.token)")
            #expect(eventually(within: 5) { (try? browser.text("#headline")) == "Ready for a session" })
            #expect(try browser.script("return matchMedia('(prefers-color-scheme: light)').matches") as? Bool == prefersLight,
                    "the phone's preference as the page sees it")
            let background = try browser.script("return getComputedStyle(document.body).backgroundColor") as? String
            let text = try browser.script("return getComputedStyle(document.body).color") as? String
            #expect(background == "rgb(16, 20, 24)" && text == "rgb(238, 242, 245)", "\(String(describing: background)) \(String(describing: text))")
        }

        /// Where the test leaves its screenshot (docs/remote.png is one of them).
        static let screenshots = Program.root.appendingPathComponent(".build/screenshots")
    }
}
