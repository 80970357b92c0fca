//! Vietnamese.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "Chuyển đến nội dung".into(),
        Msg::HomeHeading => "Hàng mới từ người bán khắp thế giới".into(),
        Msg::HomeIntro => "Giá được hiển thị theo đơn vị tiền tệ của từng người bán.".into(),
        Msg::ProductsListLabel => "Sản phẩm".into(),
        Msg::Loading => "Đang tải sản phẩm…".into(),
        Msg::UnreachableTitle => "Hiện không thể kết nối với cửa hàng".into(),
        Msg::UnreachableBody => {
            "Hãy kiểm tra kết nối rồi thử lại. Những gì bạn đã làm ở đây không bị mất.".into()
        }
        Msg::ServerErrorTitle => "Đã xảy ra lỗi từ phía chúng tôi".into(),
        Msg::ServerErrorBody => "Vui lòng thử lại sau giây lát.".into(),
        Msg::Retry => "Thử lại".into(),
        Msg::EmptyCatalog => "Chưa có sản phẩm nào ở đây.".into(),
        Msg::Pagination => "Trang".into(),
        Msg::PreviousPage => "Trang trước".into(),
        Msg::NextPage => "Trang sau".into(),
        Msg::NotFoundTitle => "Không tìm thấy trang".into(),
        Msg::NotFoundBody => "Chúng tôi không tìm thấy trang bạn đang tìm.".into(),
        Msg::BackToShop => "Quay lại cửa hàng".into(),
        Msg::Language => "Ngôn ngữ".into(),
        Msg::PageOf { page, total } => {
            format!("Trang {} / {}", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = format!("{} sản phẩm", n(count));
            text.into()
        }
    }
}
