/// The one rule media keys and buttons add to the control protocol, kept here so that the
/// desktop's media controls and a button on the box agree: "play" on a waiting player starts a
/// session of the default routine, as `stretchcue ctl start` with nothing more does. A person
/// on a mat with only a remote in reach has no other way to begin.
extension ControlRequest {
    /// What this request from a play key means when the player is in `state`.
    public func fromMediaKey(in state: SessionStatus.State) -> ControlRequest {
        switch (self, state) {
        case (.toggle, .idle), (.resume, .idle): .start(StartOptions())
        default: self
        }
    }
}
