//! The wasm entry point: defines nothing, only starts the widget runtime.
fn main() {
    #[cfg(target_arch = "wasm32")]
    letter_widget::embed::start();
}
