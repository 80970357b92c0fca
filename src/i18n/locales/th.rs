//! Thai.
use super::Num;
use crate::i18n::Msg;
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "ข้ามไปยังเนื้อหา".into(),
        Msg::HomeHeading => "สินค้าใหม่จากผู้ขายทั่วโลก".into(),
        Msg::HomeIntro => "ราคาแสดงเป็นสกุลเงินของผู้ขายแต่ละราย".into(),
        Msg::ProductsListLabel => "สินค้า".into(),
        Msg::Loading => "กำลังโหลดสินค้า…".into(),
        Msg::UnreachableTitle => "ไม่สามารถเชื่อมต่อกับร้านค้าได้ในขณะนี้".into(),
        Msg::UnreachableBody => "โปรดตรวจสอบการเชื่อมต่อ แล้วลองอีกครั้ง สิ่งที่คุณทำไว้จะไม่สูญหาย".into(),
        Msg::ServerErrorTitle => "เกิดข้อผิดพลาดจากฝั่งเรา".into(),
        Msg::ServerErrorBody => "โปรดลองอีกครั้งในอีกสักครู่".into(),
        Msg::Retry => "ลองอีกครั้ง".into(),
        Msg::EmptyCatalog => "ยังไม่มีสินค้าในส่วนนี้".into(),
        Msg::Pagination => "หน้า".into(),
        Msg::PreviousPage => "หน้าก่อนหน้า".into(),
        Msg::NextPage => "หน้าถัดไป".into(),
        Msg::NotFoundTitle => "ไม่พบหน้า".into(),
        Msg::NotFoundBody => "ไม่พบหน้าที่คุณกำลังค้นหา".into(),
        Msg::BackToShop => "กลับไปที่ร้านค้า".into(),
        Msg::Language => "ภาษา".into(),
        Msg::PageOf { page, total } => {
            format!("หน้า {} จาก {}", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = format!("สินค้า {} รายการ", n(count));
            text.into()
        }
    }
}
