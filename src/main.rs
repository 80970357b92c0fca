//! Browser entry point: mounts the storefront app on `<body>`, or beside the first screen the
//! server drew, which it replaces once its own page is drawn (`storefront::browser::mount_point`).

fn main() {
    console_error_panic_hook::set_once();
    storefront::shell::start();
}
