//! Browser entry point: mounts the storefront app on `<body>`, or beside the first screen the
//! server drew, which it replaces once its own page is drawn (`storefront::browser::mount_point`).

fn main() {
    console_error_panic_hook::set_once();
    storefront::i18n::install_inline();
    let parent = storefront::browser::mount_point();
    leptos::mount::mount_to(parent, storefront::shell::App).forget();
}
