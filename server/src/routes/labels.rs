//! Labels: what a code names (`/api/v1/labels/{code}`), relabelling, the QR alone, and
//! printing many at once as a PDF sheet or as ZPL for a Zebra printer. Following a label
//! to its page (`/l/{code}`, `/go`) is in `go.rs`.

use crate::extract::ApiQuery;
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
    Json,
};
use domain::{label::LabelTarget, DomainError, FieldError};
use labels::{
    layout::LabelContent,
    pdf::{render_sheets, SheetOptions, SheetRequest, Template},
    qr::{label_png, label_svg, EcLevel},
    zpl::{render_zpl, Dpi, ZplOptions},
    LabelCode,
};
use serde::Deserialize;
use service::{inventory::label_codes, things};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::Signed,
    problem::{ApiResult, Problem},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sheet))
        .routes(routes!(zpl))
        .routes(routes!(read))
        .routes(routes!(relabel))
        .routes(routes!(qr_svg))
        .routes(routes!(qr_png))
        .routes(routes!(preview))
        .routes(routes!(decode_photo))
        .layer(axum::extract::DefaultBodyLimit::disable())
}

pub(crate) fn parse_code(raw: &str) -> Result<LabelCode, Problem> {
    LabelCode::parse(raw).map_err(|e| DomainError::invalid("code", "invalid", e.to_string()).into())
}

/// What a label code names: kind, id, name, the printed facts and the page's path; a
/// relabelled thing's old code answers with `retired` and the `current_code`.
#[utoipa::path(get, path = "/labels/{code}", operation_id = "read_label", tag = "labels", params(
    ("code" = String, Path, description = "a label code, any case, dashes optional"),
), responses(
    (status = 200, body = LabelTarget),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "not a label code (the reason says which character)", body = Problem, content_type = "application/problem+json"),
))]
async fn read(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(code): Path<String>,
) -> ApiResult<Json<LabelTarget>> {
    let code = parse_code(&code)?;
    Ok(Json(
        things::labels::resolve(&state.db.conn, &who.person, &code).await?,
    ))
}

/// Gives the thing a new label code; the old one is retired but still finds it.
#[utoipa::path(post, path = "/labels/{code}/relabel", operation_id = "relabel", tag = "labels", params(
    ("code" = String, Path, description = "the code being replaced"),
), responses(
    (status = 200, description = "the thing under its new code", body = LabelTarget),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "unknown, or already retired", body = Problem, content_type = "application/problem+json"),
))]
async fn relabel(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(code): Path<String>,
) -> ApiResult<Json<LabelTarget>> {
    let code = parse_code(&code)?;
    Ok(Json(
        things::labels::relabel(&state.db.conn, &who.person, &code).await?,
    ))
}

/// The label in a photo (JPEG, PNG or WebP as the body), for a scan without a live
/// camera: 422 `image` when the file is no image or holds no label QR.
#[utoipa::path(post, path = "/labels/decode", operation_id = "decode_label_photo", tag = "labels",
    request_body(content = Vec<u8>, content_type = "image/jpeg"), responses(
    (status = 200, description = "what the label names", body = LabelTarget),
    (status = 404, description = "a label, but of nothing this person may see", body = Problem, content_type = "application/problem+json"),
    (status = 413, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn decode_photo(
    State(state): State<AppState>,
    Signed(who): Signed,
    body: axum::body::Body,
) -> ApiResult<Json<LabelTarget>> {
    let limit = state.files.max_bytes as usize;
    let bytes = axum::body::to_bytes(body, limit + 1).await.map_err(|_| {
        DomainError::TooLarge(vec![FieldError::new(
            "image",
            "too_large",
            "the photo is over the upload limit",
        )])
    })?;
    let code = read_photo(&state.files, bytes.to_vec()).await?;
    Ok(Json(
        things::labels::resolve(&state.db.conn, &who.person, &code).await?,
    ))
}

/// The label code in a photo, decoded off the async threads (a photo takes a while) and
/// a few at a time (each may take 200 MB while decoded).
pub(crate) async fn read_photo(
    files: &service::files::FileStore,
    bytes: Vec<u8>,
) -> Result<LabelCode, Problem> {
    let _turn = files.image_turn().await;
    tokio::task::spawn_blocking(move || labels::decode::decode_photo(&bytes))
        .await
        .map_err(|_| Problem::internal())?
        .map_err(|e| {
            let code = match e {
                labels::decode::PhotoError::NotAnImage => "not_an_image",
                labels::decode::PhotoError::TooLarge => "too_large",
                labels::decode::PhotoError::Decode(_) => "no_label",
            };
            DomainError::invalid("image", code, e.to_string()).into()
        })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct QrQuery {
    /// Error correction: L, M, Q (default) or H.
    ec: Option<String>,
}

fn ec_level(raw: Option<&str>) -> Result<EcLevel, Problem> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(EcLevel::default()),
        Some(r) => r
            .parse()
            .map_err(|_| DomainError::invalid("ec", "invalid", "must be L, M, Q or H").into()),
    }
}

/// The label's QR as SVG (it holds `{base_url}/l/{code}`).
#[utoipa::path(get, path = "/labels/{code}/qr.svg", operation_id = "read_label_qr_svg", tag = "labels", params(
    ("code" = String, Path, description = "a label code"), QrQuery,
), responses((status = 200, description = "SVG image", content_type = "image/svg+xml")))]
async fn qr_svg(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(code): Path<String>,
    ApiQuery(query): ApiQuery<QrQuery>,
) -> ApiResult<Response> {
    qr_image(&state, &who.person, &code, query, QrFormat::Svg).await
}

/// The label's QR as PNG, 8 pixels per module.
#[utoipa::path(get, path = "/labels/{code}/qr.png", operation_id = "read_label_qr_png", tag = "labels", params(
    ("code" = String, Path, description = "a label code"), QrQuery,
), responses((status = 200, description = "PNG image", content_type = "image/png")))]
async fn qr_png(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(code): Path<String>,
    ApiQuery(query): ApiQuery<QrQuery>,
) -> ApiResult<Response> {
    qr_image(&state, &who.person, &code, query, QrFormat::Png).await
}

enum QrFormat {
    Svg,
    Png,
}

/// The QR of a code the person may see, 8 pixels per module.
async fn qr_image(
    state: &AppState,
    person: &domain::person::Person,
    code: &str,
    query: QrQuery,
    format: QrFormat,
) -> ApiResult<Response> {
    let code = parse_code(code)?;
    things::labels::resolve(&state.db.conn, person, &code).await?;
    let ec = ec_level(query.ec.as_deref())?;
    let bad = |e: labels::qr::QrError| DomainError::invalid("code", "qr", e.to_string());
    Ok(match format {
        QrFormat::Svg => {
            let svg = label_svg(&state.label_base, &code, ec, 8).map_err(bad)?;
            file("image/svg+xml", None, svg.into_bytes())
        }
        QrFormat::Png => file(
            "image/png",
            None,
            label_png(&state.label_base, &code, ec, 8).map_err(bad)?,
        ),
    })
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PreviewQuery {
    /// A sheet preset (its label size), as for `sheet.pdf`.
    template: Option<String>,
    /// Or a label size in mm (a Zebra roll), both given.
    width_mm: Option<String>,
    height_mm: Option<String>,
    /// Error correction: L, M, Q (default) or H.
    ec: Option<String>,
}

/// One label as it will print (same layout, same QR), as SVG, for the print dialog.
#[utoipa::path(get, path = "/labels/{code}/preview.svg", operation_id = "read_label_preview_svg", tag = "labels", params(
    ("code" = String, Path, description = "a label code"), PreviewQuery,
), responses(
    (status = 200, description = "SVG image", content_type = "image/svg+xml"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn preview(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(code): Path<String>,
    ApiQuery(query): ApiQuery<PreviewQuery>,
) -> ApiResult<Response> {
    let code = parse_code(&code)?;
    let (width, height) = if query.width_mm.is_some() || query.height_mm.is_some() {
        (
            millimetres("width_mm", query.width_mm.as_deref(), 50.0)?,
            millimetres("height_mm", query.height_mm.as_deref(), 25.0)?,
        )
    } else {
        let name = query.template.as_deref().unwrap_or("avery-l7651");
        let label = Template::parse(name)
            .map_err(|e| DomainError::invalid("template", "unknown", e.to_string()))?
            .geometry()
            .label;
        (label.width, label.height)
    };
    let target = things::labels::resolve(&state.db.conn, &who.person, &code).await?;
    let content = LabelContent {
        code,
        name: target.name,
        fields: target.fields,
    };
    let svg = labels::preview::label_preview_svg(
        &state.label_base,
        &content,
        width,
        height,
        ec_level(query.ec.as_deref())?,
    )
    .map_err(|e| DomainError::invalid("code", "qr", e.to_string()))?;
    Ok(file("image/svg+xml", None, svg.into_bytes()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SheetQuery {
    /// Label codes, comma-separated, printed in this order.
    codes: Option<String>,
    /// avery-l7651 (default), avery-l7656, avery-3666, avery-3667, avery-5160,
    /// cryo-33x13, or custom (then give page_mm, label_mm, grid, margin_mm, pitch_mm).
    template: Option<String>,
    /// Position of the first label on the first sheet (1 = top left), to reuse a partly
    /// used sheet.
    start: Option<String>,
    /// Error correction: L, M, Q (default) or H.
    ec: Option<String>,
    /// custom: the page, `210x297`.
    page_mm: Option<String>,
    /// custom: one label, `38.1x21.2`.
    label_mm: Option<String>,
    /// custom: columns and rows, `5x13`.
    grid: Option<String>,
    /// custom: left and top margins, `4.7x10.7`.
    margin_mm: Option<String>,
    /// custom: distance from one label to the next, across and down, `40.6x21.2`.
    pitch_mm: Option<String>,
}

/// A PDF of label sheets, the font embedded: each label holds the QR, the code in
/// letters, the name and one or two facts, shortened to fit, never overflowing.
#[utoipa::path(get, path = "/labels/sheet.pdf", operation_id = "read_label_sheet_pdf", tag = "labels", params(SheetQuery), responses(
    (status = 200, description = "the PDF", content_type = "application/pdf"),
    (status = 422, description = "a bad code (named `codes[i]`), template or start", body = Problem, content_type = "application/problem+json"),
))]
async fn sheet(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<SheetQuery>,
) -> ApiResult<Response> {
    let template = template(&query)?;
    let start = match query
        .start
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => 1,
        Some(s) => s.parse::<usize>().map_err(|_| {
            DomainError::invalid("start", "invalid", "must be a label position, 1 or more")
        })?,
    };
    let options = SheetOptions {
        base_url: state.label_base.to_string(),
        ec_level: ec_level(query.ec.as_deref())?,
        start_position: start,
    };
    let contents = contents(&state, &who.person, query.codes.as_deref()).await?;
    let pdf = tokio::task::spawn_blocking(move || render_sheets(&template, &contents, &options))
        .await
        .map_err(|_| Problem::internal())?
        .map_err(|e| {
            let field = match e {
                labels::pdf::PdfError::StartPosition { .. } => "start",
                labels::pdf::PdfError::Geometry(_) => "template",
                _ => "codes",
            };
            DomainError::invalid(field, "invalid", e.to_string())
        })?;
    Ok(file("application/pdf", Some("labels.pdf"), pdf))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ZplQuery {
    /// Label codes, comma-separated.
    codes: Option<String>,
    /// 203 (default) or 300.
    dpi: Option<String>,
    /// Label width in mm (default 50).
    width_mm: Option<String>,
    /// Label height in mm (default 25).
    height_mm: Option<String>,
    /// Error correction: L, M, Q (default) or H.
    ec: Option<String>,
}

/// ZPL for a Zebra label printer: one `^XA…^XZ` per label with a `^BQ` QR, the code in
/// letters and the name.
#[utoipa::path(get, path = "/labels/labels.zpl", operation_id = "read_labels_zpl", tag = "labels", params(ZplQuery), responses(
    (status = 200, description = "ZPL", content_type = "text/plain"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn zpl(
    State(state): State<AppState>,
    Signed(who): Signed,
    ApiQuery(query): ApiQuery<ZplQuery>,
) -> ApiResult<Response> {
    let dpi = match query.dpi.as_deref().map(str::trim) {
        None | Some("") | Some("203") => Dpi::Dpi203,
        Some("300") => Dpi::Dpi300,
        Some(_) => return Err(DomainError::invalid("dpi", "invalid", "must be 203 or 300").into()),
    };
    let options = ZplOptions {
        dpi,
        width_mm: millimetres("width_mm", query.width_mm.as_deref(), 50.0)?,
        height_mm: millimetres("height_mm", query.height_mm.as_deref(), 25.0)?,
        ec_level: ec_level(query.ec.as_deref())?,
    };
    let contents = contents(&state, &who.person, query.codes.as_deref()).await?;
    let zpl = render_zpl(&state.label_base, &contents, &options)
        .map_err(|e| DomainError::invalid("width_mm", "invalid", e.to_string()))?;
    Ok(file(
        "text/plain; charset=utf-8",
        Some("labels.zpl"),
        zpl.into_bytes(),
    ))
}

/// The codes' labels, each checked and resolved for this person.
async fn contents(
    state: &AppState,
    person: &domain::person::Person,
    raw: Option<&str>,
) -> Result<Vec<LabelContent>, Problem> {
    let codes = label_codes::parse_codes(raw.unwrap_or_default())?;
    let targets = things::labels::printable(&state.db.conn, person, &codes).await?;
    Ok(codes
        .into_iter()
        .zip(targets)
        .map(|(code, t)| LabelContent {
            code,
            name: t.name,
            fields: t.fields,
        })
        .collect())
}

/// The sheet the query asks for; the labels crate reads it and names what is wrong.
fn template(q: &SheetQuery) -> Result<Template, Problem> {
    let request = SheetRequest {
        template: q.template.as_deref(),
        page_mm: q.page_mm.as_deref(),
        label_mm: q.label_mm.as_deref(),
        grid: q.grid.as_deref(),
        margin_mm: q.margin_mm.as_deref(),
        pitch_mm: q.pitch_mm.as_deref(),
    };
    request.template().map_err(|errors| {
        let errors = errors
            .into_iter()
            .map(|e| FieldError::new(e.field, e.code, e.message))
            .collect();
        DomainError::Validation(errors).into()
    })
}

fn millimetres(field: &str, raw: Option<&str>, default: f32) -> Result<f32, Problem> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(default),
        Some(r) => r
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && (5.0..=300.0).contains(v))
            .ok_or_else(|| {
                DomainError::invalid(field, "invalid", "must be from 5 to 300 mm").into()
            }),
    }
}

fn file(content_type: &str, download: Option<&str>, bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Some(name) = download {
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
            headers.insert(header::CONTENT_DISPOSITION, v);
        }
    }
    response
}
