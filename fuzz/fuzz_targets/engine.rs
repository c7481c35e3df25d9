//! The real dictionary, opened once per fuzzing process, for the text targets.
use std::sync::OnceLock;

use redlens::Engine;

/// The dictionary `./build.sh` built (or `$REDLENS_DICT`), with its segmenter.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let path = std::env::var("REDLENS_DICT")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/redlens.dict").into());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}; run ./build.sh first"));
        let mut engine = Engine::from_bytes(bytes).expect("the built dictionary opens");
        engine.build_segmenter();
        engine
    })
}
