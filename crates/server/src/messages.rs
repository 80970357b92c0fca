//! The server's human-readable texts (problem `detail`s and field messages) in every locale.
//!
//! One `Texts` value per locale: a struct, so a locale missing a text does not compile.
//! Placeholders in braces (`{fields}`, `{name}`, `{min}`, `{max}`) are filled by [`fill`].

use domain::Locale;

pub struct Texts {
    pub invalid_parameters: &'static str,
    pub not_found: &'static str,
    pub method_not_allowed: &'static str,
    pub internal_error: &'static str,
    pub timeout: &'static str,
    pub unavailable: &'static str,
    pub out_of_range: &'static str,
    pub repeated: &'static str,
    pub one_of: &'static str,
    pub too_long: &'static str,
    pub product_not_found: &'static str,
    pub unreadable: &'static str,
    pub fx_quote_not_found: &'static str,
    pub fx_quote_expired: &'static str,
    pub payload_too_large: &'static str,
    pub cart_not_found: &'static str,
    pub insufficient_stock: &'static str,
    pub unknown_item: &'static str,
    pub only_in_stock: &'static str,
    pub not_accepted: &'static str,
    pub too_many: &'static str,
    pub empty: &'static str,
    pub malformed: &'static str,
    pub shipping_quote_not_found: &'static str,
    pub shipping_quote_expired: &'static str,
    pub quote_altered: &'static str,
    pub not_offered: &'static str,
    pub required: &'static str,
    pub postal_format: &'static str,
    pub phone_invalid: &'static str,
    pub customs_id_invalid: &'static str,
}

/// The texts for `locale`.
pub fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &EN,
        Locale::ZhCn => &ZHCN,
        Locale::Ja => &JA,
        Locale::Ko => &KO,
        Locale::Th => &TH,
        Locale::Vi => &VI,
        Locale::Id => &ID,
        Locale::Ms => &MS,
        Locale::Es => &ES,
        Locale::Ru => &RU,
        Locale::Tr => &TR,
        Locale::Ar => &AR,
    }
}

/// Replaces each `{key}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (key, value) in values {
        text = text.replace(&format!("{{{key}}}"), value);
    }
    text
}

const EN: Texts = Texts {
    invalid_parameters: "Check these parameters and try again: {fields}.",
    not_found: "There is no API resource at this address.",
    method_not_allowed: "This API resource does not support that HTTP method.",
    internal_error: "The store could not complete the request. Please try again shortly.",
    timeout: "The store took too long to answer. Please try again.",
    unavailable: "The store is temporarily unavailable. Please try again shortly.",
    out_of_range: "{name} must be a whole number from {min} to {max}.",
    repeated: "Give {name} only once.",
    one_of: "{name} must be one of: {allowed}.",
    too_long: "{name} must be at most {max} characters long.",
    product_not_found: "There is no product at this address.",
    unreadable: "{name} is not JSON of the expected shape.",
    fx_quote_not_found: "There is no exchange-rate quote with this id.",
    fx_quote_expired:
        "This exchange-rate quote has expired. Ask for a new one to see the current price.",
    payload_too_large: "The request body is larger than {limit} bytes.",
    cart_not_found: "There is no cart with this token.",
    insufficient_stock: "Not enough stock for: {fields}. Nothing in the cart was changed.",
    unknown_item: "{name} is not an item the store sells.",
    only_in_stock: "{name}: only {available} in stock.",
    not_accepted: "{name} is decided by the store and cannot be sent.",
    too_many: "{name} may hold at most {max} entries.",
    empty: "{name} must not be empty.",
    malformed: "{name} is not in a valid format.",
    shipping_quote_not_found: "There is no shipping quote with this id.",
    shipping_quote_expired:
        "This shipping quote has expired. Ask for a new one to see the current options.",
    quote_altered: "The cart or the destination changed since this quote. Ask for a new quote.",
    not_offered: "{name} is not one of the options this quote offers.",
    required: "{name} is required.",
    postal_format: "{name} is not a postal code of this country (for example {example}).",
    phone_invalid:
        "{name} is not a phone number that can be reached in this country (for example {example}).",
    customs_id_invalid: "{name} is not a valid customs identifier (for example {example}).",
};

const ZHCN: Texts = Texts {
    invalid_parameters: "请检查以下参数后重试：{fields}。",
    not_found: "此地址没有对应的 API 资源。",
    method_not_allowed: "此 API 资源不支持该 HTTP 方法。",
    internal_error: "商店无法完成此请求，请稍后再试。",
    timeout: "商店响应超时，请重试。",
    unavailable: "商店暂时无法使用，请稍后再试。",
    out_of_range: "{name} 必须是 {min} 到 {max} 之间的整数。",
    repeated: "{name} 只能提供一次。",
    one_of: "{name} 必须是以下之一：{allowed}。",
    too_long: "{name} 最多 {max} 个字符。",
    product_not_found: "此地址没有对应的商品。",
    unreadable: "{name} 不是预期格式的 JSON。",
    fx_quote_not_found: "没有此编号的汇率报价。",
    fx_quote_expired: "此汇率报价已过期。请重新获取报价以查看当前价格。",
    payload_too_large: "请求正文超过 {limit} 字节。",
    cart_not_found: "没有此令牌对应的购物车。",
    insufficient_stock: "以下商品库存不足：{fields}。购物车未作任何更改。",
    unknown_item: "{name} 不是本店销售的商品。",
    only_in_stock: "{name}：库存仅剩 {available} 件。",
    not_accepted: "{name} 由商店决定，不能由客户端提交。",
    too_many: "{name} 最多只能包含 {max} 项。",
    empty: "{name} 不能为空。",
    malformed: "{name} 的格式无效。",
    shipping_quote_not_found: "没有此编号的运费报价。",
    shipping_quote_expired: "此运费报价已过期。请重新获取报价以查看当前选项。",
    quote_altered: "自报价以来购物车或目的地已更改。请重新获取报价。",
    not_offered: "{name} 不是此报价提供的选项之一。",
    required: "{name} 为必填项。",
    postal_format: "{name} 不是该国家/地区的邮政编码（例如 {example}）。",
    phone_invalid: "{name} 不是该国家/地区可拨通的电话号码（例如 {example}）。",
    customs_id_invalid: "{name} 不是有效的海关识别号（例如 {example}）。",
};

const JA: Texts = Texts {
    invalid_parameters: "次のパラメーターを確認して、もう一度お試しください: {fields}。",
    not_found: "このアドレスに API リソースはありません。",
    method_not_allowed: "この API リソースはその HTTP メソッドに対応していません。",
    internal_error:
        "ストアはリクエストを完了できませんでした。しばらくしてからもう一度お試しください。",
    timeout: "ストアの応答に時間がかかりすぎました。もう一度お試しください。",
    unavailable: "ストアは一時的に利用できません。しばらくしてからもう一度お試しください。",
    out_of_range: "{name} は {min} から {max} までの整数で指定してください。",
    repeated: "{name} は一度だけ指定してください。",
    one_of: "{name} は次のいずれかにしてください: {allowed}。",
    too_long: "{name} は {max} 文字以内にしてください。",
    product_not_found: "このアドレスに商品はありません。",
    unreadable: "{name} が想定された形式の JSON ではありません。",
    fx_quote_not_found: "この ID の為替レート見積もりはありません。",
    fx_quote_expired: "この為替レートの見積もりは期限切れです。現在の価格を見るには新しい見積もりを取得してください。",
    payload_too_large: "リクエスト本文が {limit} バイトを超えています。",
    cart_not_found: "このトークンのカートはありません。",
    insufficient_stock: "在庫が足りません: {fields}。カートは変更されていません。",
    unknown_item: "{name} はこのストアで販売している商品ではありません。",
    only_in_stock: "{name}: 在庫は {available} 点のみです。",
    not_accepted: "{name} はストアが決めるため送信できません。",
    too_many: "{name} は最大 {max} 件までです。",
    empty: "{name} を空にすることはできません。",
    malformed: "{name} の形式が正しくありません。",
    shipping_quote_not_found: "この ID の送料見積もりはありません。",
    shipping_quote_expired: "この送料見積もりは期限切れです。最新の配送方法を見るには見積もりを取り直してください。",
    quote_altered: "見積もり後にカートまたはお届け先が変わりました。見積もりを取り直してください。",
    not_offered: "{name} はこの見積もりで提示された選択肢ではありません。",
    required: "{name} は必須です。",
    postal_format: "{name} はこの国の郵便番号ではありません（例：{example}）。",
    phone_invalid: "{name} はこの国でつながる電話番号ではありません（例：{example}）。",
    customs_id_invalid: "{name} は有効な通関用番号ではありません（例：{example}）。",
};

const KO: Texts = Texts {
    invalid_parameters: "다음 매개변수를 확인한 후 다시 시도해 주세요: {fields}.",
    not_found: "이 주소에는 API 리소스가 없습니다.",
    method_not_allowed: "이 API 리소스는 해당 HTTP 메서드를 지원하지 않습니다.",
    internal_error: "스토어가 요청을 완료하지 못했습니다. 잠시 후 다시 시도해 주세요.",
    timeout: "스토어의 응답 시간이 너무 오래 걸렸습니다. 다시 시도해 주세요.",
    unavailable: "스토어를 일시적으로 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.",
    out_of_range: "{name}은(는) {min}부터 {max} 사이의 정수여야 합니다.",
    repeated: "{name}은(는) 한 번만 지정해 주세요.",
    one_of: "{name}은(는) 다음 중 하나여야 합니다: {allowed}.",
    too_long: "{name}은(는) 최대 {max}자까지 입력할 수 있습니다.",
    product_not_found: "이 주소에 해당하는 상품이 없습니다.",
    unreadable: "{name}이(가) 올바른 형식의 JSON이 아닙니다.",
    fx_quote_not_found: "이 ID의 환율 견적이 없습니다.",
    fx_quote_expired: "이 환율 견적은 만료되었습니다. 현재 가격을 보려면 새 견적을 받으세요.",
    payload_too_large: "요청 본문이 {limit}바이트를 초과합니다.",
    cart_not_found: "이 토큰에 해당하는 장바구니가 없습니다.",
    insufficient_stock: "재고가 부족합니다: {fields}. 장바구니는 변경되지 않았습니다.",
    unknown_item: "{name}은(는) 스토어에서 판매하는 상품이 아닙니다.",
    only_in_stock: "{name}: 재고가 {available}개뿐입니다.",
    not_accepted: "{name}은(는) 스토어가 정하므로 보낼 수 없습니다.",
    too_many: "{name}은(는) 최대 {max}개까지 가능합니다.",
    empty: "{name}은(는) 비워 둘 수 없습니다.",
    malformed: "{name}의 형식이 올바르지 않습니다.",
    shipping_quote_not_found: "이 ID의 배송 견적이 없습니다.",
    shipping_quote_expired:
        "이 배송 견적은 만료되었습니다. 현재 옵션을 보려면 새 견적을 요청하세요.",
    quote_altered: "견적 이후 장바구니 또는 배송지가 변경되었습니다. 새 견적을 요청하세요.",
    not_offered: "{name}은(는) 이 견적이 제공하는 옵션이 아닙니다.",
    required: "{name}은(는) 필수입니다.",
    postal_format: "{name}은(는) 이 국가의 우편번호가 아닙니다(예: {example}).",
    phone_invalid: "{name}은(는) 이 국가에서 연결되는 전화번호가 아닙니다(예: {example}).",
    customs_id_invalid: "{name}은(는) 유효한 통관 식별 번호가 아닙니다(예: {example}).",
};

const TH: Texts = Texts {
    invalid_parameters: "โปรดตรวจสอบพารามิเตอร์ต่อไปนี้แล้วลองอีกครั้ง: {fields}",
    not_found: "ไม่มีทรัพยากร API ที่ที่อยู่นี้",
    method_not_allowed: "ทรัพยากร API นี้ไม่รองรับเมธอด HTTP ดังกล่าว",
    internal_error: "ร้านค้าไม่สามารถดำเนินการตามคำขอได้ โปรดลองอีกครั้งในอีกสักครู่",
    timeout: "ร้านค้าใช้เวลาตอบสนองนานเกินไป โปรดลองอีกครั้ง",
    unavailable: "ร้านค้าไม่พร้อมให้บริการชั่วคราว โปรดลองอีกครั้งในอีกสักครู่",
    out_of_range: "{name} ต้องเป็นจำนวนเต็มตั้งแต่ {min} ถึง {max}",
    repeated: "ระบุ {name} เพียงครั้งเดียว",
    one_of: "{name} ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {allowed}",
    too_long: "{name} ต้องยาวไม่เกิน {max} อักขระ",
    product_not_found: "ไม่มีสินค้าที่ที่อยู่นี้",
    unreadable: "{name} ไม่ใช่ JSON ในรูปแบบที่ถูกต้อง",
    fx_quote_not_found: "ไม่มีใบเสนออัตราแลกเปลี่ยนที่มีรหัสนี้",
    fx_quote_expired: "ใบเสนออัตราแลกเปลี่ยนนี้หมดอายุแล้ว โปรดขอใบใหม่เพื่อดูราคาปัจจุบัน",
    payload_too_large: "เนื้อหาคำขอมีขนาดเกิน {limit} ไบต์",
    cart_not_found: "ไม่มีตะกร้าสำหรับโทเค็นนี้",
    insufficient_stock: "สินค้าในสต็อกไม่พอสำหรับ: {fields} ตะกร้าไม่มีการเปลี่ยนแปลง",
    unknown_item: "{name} ไม่ใช่สินค้าที่ร้านขาย",
    only_in_stock: "{name}: มีในสต็อกเพียง {available} ชิ้น",
    not_accepted: "{name} ร้านเป็นผู้กำหนดและส่งมาไม่ได้",
    too_many: "{name} มีได้สูงสุด {max} รายการ",
    empty: "{name} ต้องไม่ว่าง",
    malformed: "รูปแบบของ {name} ไม่ถูกต้อง",
    shipping_quote_not_found: "ไม่มีใบเสนอราคาค่าจัดส่งที่มีรหัสนี้",
    shipping_quote_expired: "ใบเสนอราคาค่าจัดส่งนี้หมดอายุแล้ว โปรดขอใบใหม่เพื่อดูตัวเลือกปัจจุบัน",
    quote_altered: "ตะกร้าหรือปลายทางเปลี่ยนไปหลังจากเสนอราคา โปรดขอใบเสนอราคาใหม่",
    not_offered: "{name} ไม่ใช่ตัวเลือกที่ใบเสนอราคานี้มีให้",
    required: "ต้องกรอก {name}",
    postal_format: "{name} ไม่ใช่รหัสไปรษณีย์ของประเทศนี้ (เช่น {example})",
    phone_invalid: "{name} ไม่ใช่หมายเลขโทรศัพท์ที่ติดต่อได้ในประเทศนี้ (เช่น {example})",
    customs_id_invalid: "{name} ไม่ใช่หมายเลขระบุตัวตนทางศุลกากรที่ถูกต้อง (เช่น {example})",
};

const VI: Texts = Texts {
    invalid_parameters: "Vui lòng kiểm tra các tham số sau rồi thử lại: {fields}.",
    not_found: "Không có tài nguyên API nào tại địa chỉ này.",
    method_not_allowed: "Tài nguyên API này không hỗ trợ phương thức HTTP đó.",
    internal_error: "Cửa hàng không thể hoàn tất yêu cầu. Vui lòng thử lại sau ít phút.",
    timeout: "Cửa hàng phản hồi quá lâu. Vui lòng thử lại.",
    unavailable: "Cửa hàng tạm thời không khả dụng. Vui lòng thử lại sau ít phút.",
    out_of_range: "{name} phải là số nguyên từ {min} đến {max}.",
    repeated: "Chỉ cung cấp {name} một lần.",
    one_of: "{name} phải là một trong các giá trị: {allowed}.",
    too_long: "{name} chỉ được dài tối đa {max} ký tự.",
    product_not_found: "Không có sản phẩm nào tại địa chỉ này.",
    unreadable: "{name} không phải JSON đúng định dạng.",
    fx_quote_not_found: "Không có báo giá tỷ giá nào với mã này.",
    fx_quote_expired: "Báo giá tỷ giá này đã hết hạn. Hãy yêu cầu báo giá mới để xem giá hiện tại.",
    payload_too_large: "Nội dung yêu cầu lớn hơn {limit} byte.",
    cart_not_found: "Không có giỏ hàng nào với mã này.",
    insufficient_stock: "Không đủ hàng cho: {fields}. Giỏ hàng không thay đổi.",
    unknown_item: "{name} không phải là mặt hàng cửa hàng bán.",
    only_in_stock: "{name}: chỉ còn {available} trong kho.",
    not_accepted: "{name} do cửa hàng quyết định và không thể gửi lên.",
    too_many: "{name} chỉ chứa tối đa {max} mục.",
    empty: "{name} không được để trống.",
    malformed: "{name} không đúng định dạng.",
    shipping_quote_not_found: "Không có báo giá vận chuyển với mã này.",
    shipping_quote_expired:
        "Báo giá vận chuyển này đã hết hạn. Hãy yêu cầu báo giá mới để xem các lựa chọn hiện tại.",
    quote_altered:
        "Giỏ hàng hoặc địa chỉ nhận đã thay đổi kể từ khi báo giá. Hãy yêu cầu báo giá mới.",
    not_offered: "{name} không phải là một lựa chọn của báo giá này.",
    required: "{name} là bắt buộc.",
    postal_format: "{name} không phải mã bưu chính của quốc gia này (ví dụ {example}).",
    phone_invalid:
        "{name} không phải số điện thoại liên lạc được ở quốc gia này (ví dụ {example}).",
    customs_id_invalid: "{name} không phải mã định danh hải quan hợp lệ (ví dụ {example}).",
};

const ID: Texts = Texts {
    invalid_parameters: "Periksa parameter berikut, lalu coba lagi: {fields}.",
    not_found: "Tidak ada sumber daya API di alamat ini.",
    method_not_allowed: "Sumber daya API ini tidak mendukung metode HTTP tersebut.",
    internal_error: "Toko tidak dapat menyelesaikan permintaan. Silakan coba lagi sebentar lagi.",
    timeout: "Toko terlalu lama merespons. Silakan coba lagi.",
    unavailable: "Toko untuk sementara tidak tersedia. Silakan coba lagi sebentar lagi.",
    out_of_range: "{name} harus berupa bilangan bulat dari {min} sampai {max}.",
    repeated: "Berikan {name} hanya sekali.",
    one_of: "{name} harus salah satu dari: {allowed}.",
    too_long: "{name} maksimal {max} karakter.",
    product_not_found: "Tidak ada produk di alamat ini.",
    unreadable: "{name} bukan JSON dengan bentuk yang diharapkan.",
    fx_quote_not_found: "Tidak ada penawaran kurs dengan id ini.",
    fx_quote_expired:
        "Penawaran kurs ini sudah kedaluwarsa. Minta penawaran baru untuk melihat harga terkini.",
    payload_too_large: "Isi permintaan lebih dari {limit} byte.",
    cart_not_found: "Tidak ada keranjang dengan token ini.",
    insufficient_stock: "Stok tidak cukup untuk: {fields}. Keranjang tidak diubah.",
    unknown_item: "{name} bukan barang yang dijual toko ini.",
    only_in_stock: "{name}: stok hanya {available}.",
    not_accepted: "{name} ditentukan oleh toko dan tidak boleh dikirim.",
    too_many: "{name} paling banyak berisi {max} entri.",
    empty: "{name} tidak boleh kosong.",
    malformed: "Format {name} tidak valid.",
    shipping_quote_not_found: "Tidak ada penawaran ongkos kirim dengan id ini.",
    shipping_quote_expired: "Penawaran ongkos kirim ini sudah kedaluwarsa. Minta penawaran baru untuk melihat pilihan terkini.",
    quote_altered: "Keranjang atau tujuan berubah sejak penawaran ini. Minta penawaran baru.",
    not_offered: "{name} bukan salah satu pilihan dari penawaran ini.",
    required: "{name} wajib diisi.",
    postal_format: "{name} bukan kode pos negara ini (misalnya {example}).",
    phone_invalid: "{name} bukan nomor telepon yang dapat dihubungi di negara ini (misalnya {example}).",
    customs_id_invalid: "{name} bukan nomor identitas kepabeanan yang valid (misalnya {example}).",
};

const MS: Texts = Texts {
    invalid_parameters: "Semak parameter berikut, kemudian cuba lagi: {fields}.",
    not_found: "Tiada sumber API di alamat ini.",
    method_not_allowed: "Sumber API ini tidak menyokong kaedah HTTP tersebut.",
    internal_error: "Kedai tidak dapat melengkapkan permintaan. Sila cuba lagi sebentar lagi.",
    timeout: "Kedai mengambil masa terlalu lama untuk menjawab. Sila cuba lagi.",
    unavailable: "Kedai tidak tersedia buat sementara waktu. Sila cuba lagi sebentar lagi.",
    out_of_range: "{name} mestilah nombor bulat dari {min} hingga {max}.",
    repeated: "Berikan {name} sekali sahaja.",
    one_of: "{name} mestilah salah satu daripada: {allowed}.",
    too_long: "{name} mestilah tidak melebihi {max} aksara.",
    product_not_found: "Tiada produk di alamat ini.",
    unreadable: "{name} bukan JSON dalam bentuk yang dijangka.",
    fx_quote_not_found: "Tiada sebut harga kadar pertukaran dengan id ini.",
    fx_quote_expired: "Sebut harga kadar pertukaran ini telah tamat tempoh. Minta yang baharu untuk melihat harga semasa.",
    payload_too_large: "Badan permintaan melebihi {limit} bait.",
    cart_not_found: "Tiada troli dengan token ini.",
    insufficient_stock: "Stok tidak mencukupi untuk: {fields}. Troli tidak diubah.",
    unknown_item: "{name} bukan barang yang dijual oleh kedai ini.",
    only_in_stock: "{name}: hanya {available} dalam stok.",
    not_accepted: "{name} ditentukan oleh kedai dan tidak boleh dihantar.",
    too_many: "{name} boleh mengandungi paling banyak {max} entri.",
    empty: "{name} tidak boleh kosong.",
    malformed: "Format {name} tidak sah.",
    shipping_quote_not_found: "Tiada sebut harga penghantaran dengan id ini.",
    shipping_quote_expired: "Sebut harga penghantaran ini telah tamat tempoh. Minta yang baharu untuk melihat pilihan semasa.",
    quote_altered: "Troli atau destinasi telah berubah sejak sebut harga ini. Minta sebut harga baharu.",
    not_offered: "{name} bukan salah satu pilihan dalam sebut harga ini.",
    required: "{name} wajib diisi.",
    postal_format: "{name} bukan poskod negara ini (contohnya {example}).",
    phone_invalid: "{name} bukan nombor telefon yang boleh dihubungi di negara ini (contohnya {example}).",
    customs_id_invalid: "{name} bukan pengenal kastam yang sah (contohnya {example}).",
};

const ES: Texts = Texts {
    invalid_parameters: "Revisa estos parámetros e inténtalo de nuevo: {fields}.",
    not_found: "No hay ningún recurso de la API en esta dirección.",
    method_not_allowed: "Este recurso de la API no admite ese método HTTP.",
    internal_error: "La tienda no pudo completar la solicitud. Inténtalo de nuevo en breve.",
    timeout: "La tienda tardó demasiado en responder. Inténtalo de nuevo.",
    unavailable: "La tienda no está disponible temporalmente. Inténtalo de nuevo en breve.",
    out_of_range: "{name} debe ser un número entero entre {min} y {max}.",
    repeated: "Indica {name} una sola vez.",
    one_of: "{name} debe ser uno de estos valores: {allowed}.",
    too_long: "{name} debe tener como máximo {max} caracteres.",
    product_not_found: "No hay ningún producto en esta dirección.",
    unreadable: "{name} no es un JSON con la forma esperada.",
    fx_quote_not_found: "No hay ninguna cotización de tipo de cambio con este id.",
    fx_quote_expired:
        "Esta cotización de tipo de cambio ha caducado. Pide una nueva para ver el precio actual.",
    payload_too_large: "El cuerpo de la solicitud supera los {limit} bytes.",
    cart_not_found: "No hay ningún carrito con este token.",
    insufficient_stock: "No hay existencias suficientes para: {fields}. El carrito no ha cambiado.",
    unknown_item: "{name} no es un artículo que venda la tienda.",
    only_in_stock: "{name}: solo quedan {available} en existencias.",
    not_accepted: "{name} lo decide la tienda y no se puede enviar.",
    too_many: "{name} admite como máximo {max} elementos.",
    empty: "{name} no puede estar vacío.",
    malformed: "{name} no tiene un formato válido.",
    shipping_quote_not_found: "No hay ninguna cotización de envío con este id.",
    shipping_quote_expired:
        "Esta cotización de envío ha caducado. Pide una nueva para ver las opciones actuales.",
    quote_altered: "El carrito o el destino cambiaron desde esta cotización. Pide una nueva.",
    not_offered: "{name} no es una de las opciones que ofrece esta cotización.",
    required: "{name} es obligatorio.",
    postal_format: "{name} no es un código postal de este país (por ejemplo {example}).",
    phone_invalid:
        "{name} no es un teléfono al que se pueda llamar en este país (por ejemplo {example}).",
    customs_id_invalid: "{name} no es un identificador aduanero válido (por ejemplo {example}).",
};

const RU: Texts = Texts {
    invalid_parameters: "Проверьте эти параметры и повторите попытку: {fields}.",
    not_found: "По этому адресу нет ресурса API.",
    method_not_allowed: "Этот ресурс API не поддерживает этот метод HTTP.",
    internal_error:
        "Магазину не удалось выполнить запрос. Пожалуйста, повторите попытку чуть позже.",
    timeout: "Магазин слишком долго не отвечал. Пожалуйста, повторите попытку.",
    unavailable: "Магазин временно недоступен. Пожалуйста, повторите попытку чуть позже.",
    out_of_range: "{name} должен быть целым числом от {min} до {max}.",
    repeated: "Укажите {name} только один раз.",
    one_of: "{name} должен быть одним из значений: {allowed}.",
    too_long: "{name} должен быть не длиннее {max} символов.",
    product_not_found: "По этому адресу нет товара.",
    unreadable: "{name} — не JSON ожидаемого вида.",
    fx_quote_not_found: "Котировки курса с таким id нет.",
    fx_quote_expired:
        "Срок действия котировки курса истёк. Запросите новую, чтобы увидеть текущую цену.",
    payload_too_large: "Тело запроса больше {limit} байт.",
    cart_not_found: "Корзины с таким токеном нет.",
    insufficient_stock: "Недостаточно товара: {fields}. Корзина не изменена.",
    unknown_item: "{name} — не товар этого магазина.",
    only_in_stock: "{name}: в наличии только {available}.",
    not_accepted: "{name} определяет магазин, его нельзя передавать.",
    too_many: "{name} может содержать не больше {max} элементов.",
    empty: "{name} не может быть пустым.",
    malformed: "{name} имеет неверный формат.",
    shipping_quote_not_found: "Расчёта доставки с таким идентификатором нет.",
    shipping_quote_expired:
        "Срок действия расчёта доставки истёк. Запросите новый, чтобы увидеть текущие варианты.",
    quote_altered: "Корзина или адрес доставки изменились после расчёта. Запросите новый расчёт.",
    not_offered: "{name} не входит в варианты этого расчёта.",
    required: "{name}: обязательное поле.",
    postal_format: "{name} не является почтовым индексом этой страны (например, {example}).",
    phone_invalid: "{name} не является телефоном, доступным в этой стране (например, {example}).",
    customs_id_invalid:
        "{name} не является действительным таможенным идентификатором (например, {example}).",
};

const TR: Texts = Texts {
    invalid_parameters: "Şu parametreleri kontrol edip tekrar deneyin: {fields}.",
    not_found: "Bu adreste bir API kaynağı yok.",
    method_not_allowed: "Bu API kaynağı bu HTTP yöntemini desteklemiyor.",
    internal_error: "Mağaza isteği tamamlayamadı. Lütfen birazdan tekrar deneyin.",
    timeout: "Mağazanın yanıt vermesi çok uzun sürdü. Lütfen tekrar deneyin.",
    unavailable: "Mağaza geçici olarak kullanılamıyor. Lütfen birazdan tekrar deneyin.",
    out_of_range: "{name}, {min} ile {max} arasında bir tam sayı olmalıdır.",
    repeated: "{name} yalnızca bir kez verilmelidir.",
    one_of: "{name} şunlardan biri olmalıdır: {allowed}.",
    too_long: "{name} en fazla {max} karakter olabilir.",
    product_not_found: "Bu adreste bir ürün yok.",
    unreadable: "{name} beklenen biçimde bir JSON değil.",
    fx_quote_not_found: "Bu kimliğe sahip bir döviz kuru teklifi yok.",
    fx_quote_expired:
        "Bu döviz kuru teklifinin süresi doldu. Güncel fiyatı görmek için yeni bir teklif isteyin.",
    payload_too_large: "İstek gövdesi {limit} bayttan büyük.",
    cart_not_found: "Bu belirteçle bir sepet yok.",
    insufficient_stock: "Şunlar için yeterli stok yok: {fields}. Sepet değiştirilmedi.",
    unknown_item: "{name} mağazanın sattığı bir ürün değil.",
    only_in_stock: "{name}: stokta yalnızca {available} adet var.",
    not_accepted: "{name} mağaza tarafından belirlenir ve gönderilemez.",
    too_many: "{name} en fazla {max} öğe içerebilir.",
    empty: "{name} boş olamaz.",
    malformed: "{name} geçerli bir biçimde değil.",
    shipping_quote_not_found: "Bu kimlikte bir kargo teklifi yok.",
    shipping_quote_expired:
        "Bu kargo teklifinin süresi doldu. Güncel seçenekleri görmek için yeni teklif isteyin.",
    quote_altered: "Bu tekliften sonra sepet veya teslimat yeri değişti. Yeni teklif isteyin.",
    not_offered: "{name} bu teklifin sunduğu seçeneklerden biri değil.",
    required: "{name} zorunludur.",
    postal_format: "{name} bu ülkenin posta kodu değil (örneğin {example}).",
    phone_invalid: "{name} bu ülkede ulaşılabilen bir telefon numarası değil (örneğin {example}).",
    customs_id_invalid: "{name} geçerli bir gümrük kimlik numarası değil (örneğin {example}).",
};

const AR: Texts = Texts {
    invalid_parameters: "تحقّق من هذه المعاملات ثم حاول مرة أخرى: {fields}.",
    not_found: "لا يوجد مورد API على هذا العنوان.",
    method_not_allowed: "لا يدعم مورد API هذا طريقة HTTP تلك.",
    internal_error: "تعذّر على المتجر إكمال الطلب. يُرجى المحاولة مرة أخرى بعد قليل.",
    timeout: "استغرق المتجر وقتًا طويلًا للرد. يُرجى المحاولة مرة أخرى.",
    unavailable: "المتجر غير متاح مؤقتًا. يُرجى المحاولة مرة أخرى بعد قليل.",
    out_of_range: "يجب أن تكون قيمة {name} عددًا صحيحًا من {min} إلى {max}.",
    repeated: "حدِّد {name} مرة واحدة فقط.",
    one_of: "يجب أن تكون قيمة {name} إحدى القيم التالية: {allowed}.",
    too_long: "يجب ألا يتجاوز طول {name} {max} حرفًا.",
    product_not_found: "لا يوجد منتج على هذا العنوان.",
    unreadable: "{name} ليس JSON بالشكل المتوقع.",
    fx_quote_not_found: "لا يوجد عرض سعر صرف بهذا المعرّف.",
    fx_quote_expired: "انتهت صلاحية عرض سعر الصرف هذا. اطلب عرضًا جديدًا لرؤية السعر الحالي.",
    payload_too_large: "نص الطلب أكبر من {limit} بايت.",
    cart_not_found: "لا توجد سلة بهذا الرمز.",
    insufficient_stock: "المخزون غير كافٍ لـ: {fields}. لم يتغير شيء في السلة.",
    unknown_item: "{name} ليس منتجًا يبيعه المتجر.",
    only_in_stock: "{name}: المتوفر في المخزون {available} فقط.",
    not_accepted: "{name} يحدده المتجر ولا يمكن إرساله.",
    too_many: "{name} يمكن أن يحتوي على {max} عنصر كحد أقصى.",
    empty: "لا يمكن أن يكون {name} فارغًا.",
    malformed: "تنسيق {name} غير صالح.",
    shipping_quote_not_found: "لا يوجد عرض شحن بهذا المعرّف.",
    shipping_quote_expired: "انتهت صلاحية عرض الشحن هذا. اطلب عرضًا جديدًا لرؤية الخيارات الحالية.",
    quote_altered: "تغيّرت السلة أو الوجهة منذ هذا العرض. اطلب عرضًا جديدًا.",
    not_offered: "{name} ليس من الخيارات التي يقدمها هذا العرض.",
    required: "{name} مطلوب.",
    postal_format: "{name} ليس رمزًا بريديًا لهذا البلد (مثلًا {example}).",
    phone_invalid: "{name} ليس رقم هاتف يمكن الاتصال به في هذا البلد (مثلًا {example}).",
    customs_id_invalid: "{name} ليس معرّفًا جمركيًا صالحًا (مثلًا {example}).",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_keeps_every_placeholder() {
        for locale in Locale::ALL {
            let t = texts(locale);
            assert!(t.invalid_parameters.contains("{fields}"), "{locale:?}");
            for p in ["{name}", "{min}", "{max}"] {
                assert!(t.out_of_range.contains(p), "{locale:?} {p}");
            }
            assert!(t.repeated.contains("{name}"), "{locale:?}");
            assert!(
                t.one_of.contains("{name}") && t.one_of.contains("{allowed}"),
                "{locale:?}"
            );
            assert!(
                t.too_long.contains("{name}") && t.too_long.contains("{max}"),
                "{locale:?}"
            );
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let text = fill(
            texts(Locale::Es).out_of_range,
            &[("name", "page"), ("min", "1"), ("max", "10000")],
        );
        assert_eq!(text, "page debe ser un número entero entre 1 y 10000.");
    }
}
