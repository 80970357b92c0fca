//! Browser entry point: mounts the storefront app on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    storefront::i18n::install_inline();
    leptos::mount::mount_to_body(storefront::shell::App);
}
