//! Labels: what a code names (`/api/v1/labels/{code}`, and `/l/{code}` which a phone's
//! camera opens), relabelling, the QR alone, and printing many at once as a PDF sheet or
//! as ZPL for a Zebra printer.

use crate::extract::ApiQuery;
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Redirect, Response},
    Json,
};
use domain::{label::LabelTarget, DomainError, FieldError};
use labels::{
    layout::LabelContent,
    pdf::{render_sheets, SheetGeometry, SheetOptions, SizeMm, Template, Xy},
    qr::{label_png, label_svg, EcLevel},
    zpl::{render_zpl, Dpi, ZplOptions},
    LabelCode,
};
use serde::Deserialize;
use service::{inventory::label_codes, things};
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{MaybeSigned, Signed},
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

/// `GET /l/{code}`: the page of the thing a scanned or typed label names (303). A code
/// that is not valid, or names nothing this person may see, lands on the search page,
/// which says so; a retired code (the thing was relabelled) lands with a notice.
pub async fn open(
    State(state): State<AppState>,
    Signed(who): Signed,
    Path(raw): Path<String>,
) -> Response {
    let search = |problem: &str| {
        let q: String = form_urlencoded::byte_serialize(raw.as_bytes()).collect();
        Redirect::to(&format!("/search?q={q}&label={problem}")).into_response()
    };
    let Ok(code) = LabelCode::parse(&raw) else {
        return search("invalid");
    };
    match things::labels::resolve(&state.db.conn, &who.person, &code).await {
        Ok(target) if target.retired => {
            Redirect::to(&format!("{}?relabelled={}", target.path, code.as_compact()))
                .into_response()
        }
        Ok(target) => Redirect::to(&target.path).into_response(),
        Err(service::ServiceError::Domain(DomainError::NotFound { .. })) => search("unknown"),
        Err(e) => Problem::from(e).into_response(),
    }
}

#[derive(Deserialize)]
pub struct Go {
    code: Option<String>,
    /// The scan page's mode and its state, sent by its code box as hidden fields so that
    /// a scan made before the page runs in the browser (a slow tablet) keeps its mode.
    mode: Option<String>,
    entry: Option<String>,
    to: Option<String>,
}

/// `GET /go?code=…&mode=…`: what a scanner or a person typed into the scan page's box.
/// In *open* mode (or without one) the code's page, through `/l/{code}`. In the other
/// modes, back to the scan page with the code waiting for a tap (`pending`), or — a
/// location read in *move here* mode — as the place things go (`to`). Nothing is
/// changed by a GET: the scan page asks for the tap.
pub async fn go(
    State(state): State<AppState>,
    MaybeSigned(who): MaybeSigned,
    ApiQuery(go): ApiQuery<Go>,
) -> Response {
    let typed = go.code.unwrap_or_default();
    let param =
        |v: &str| -> String { form_urlencoded::byte_serialize(v.trim().as_bytes()).collect() };
    let mode = go.mode.as_deref().unwrap_or("open");
    if typed.trim().is_empty() {
        return Redirect::to(&format!("/scan?mode={}", param(mode))).into_response();
    }
    let entry = param(go.entry.as_deref().unwrap_or_default());
    let to = param(go.to.as_deref().unwrap_or_default());
    let code = param(&typed);
    let to_scan = |query: String| Redirect::to(&format!("/scan?{query}")).into_response();
    match mode {
        "entry" => to_scan(format!("mode=entry&entry={entry}&pending={code}")),
        "receive" => to_scan(format!("mode=receive&pending={code}")),
        "move" => {
            let Some(who) = who else {
                return Redirect::to(&format!(
                    "/login?next={}",
                    param(&format!("/scan?mode=move&to={to}"))
                ))
                .into_response();
            };
            let found = match LabelCode::parse(&typed) {
                Ok(c) => things::labels::resolve(&state.db.conn, &who.person, &c)
                    .await
                    .ok(),
                Err(_) => return to_scan(format!("mode=move&to={to}&scan_error=invalid")),
            };
            match found {
                Some(place) if place.kind == domain::kind::Kind::Location => {
                    to_scan(format!("mode=move&to={}", place.id))
                }
                Some(_) if to.is_empty() => to_scan("mode=move&scan_error=location_first".into()),
                Some(_) => to_scan(format!("mode=move&to={to}&pending={code}")),
                None => to_scan(format!("mode=move&to={to}&scan_error=unknown")),
            }
        }
        _ => Redirect::to(&format!("/l/{code}")).into_response(),
    }
}

fn parse_code(raw: &str) -> Result<LabelCode, Problem> {
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

fn template(q: &SheetQuery) -> Result<Template, Problem> {
    let name = q.template.as_deref().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        return Ok(Template::AveryL7651);
    }
    if !name.eq_ignore_ascii_case("custom") {
        return Template::parse(name)
            .map_err(|e| DomainError::invalid("template", "unknown", e.to_string()).into());
    }
    let mut errors = Vec::new();
    let mut pair = |field: &str, raw: &Option<String>| -> (f32, f32) {
        // Margins may be zero (labels from the page edge); sizes may not.
        let zero_ok = field == "margin_mm";
        match raw.as_deref().and_then(|r| parse_pair(r, zero_ok)) {
            Some(p) => p,
            None => {
                errors.push(FieldError::new(
                    field,
                    "invalid",
                    "must be two numbers as WIDTHxHEIGHT",
                ));
                (0.0, 0.0)
            }
        }
    };
    let page = pair("page_mm", &q.page_mm);
    let label = pair("label_mm", &q.label_mm);
    let grid = pair("grid", &q.grid);
    let margin = pair("margin_mm", &q.margin_mm);
    let pitch = pair("pitch_mm", &q.pitch_mm);
    if !errors.is_empty() {
        return Err(DomainError::Validation(errors).into());
    }
    let geometry = SheetGeometry {
        page: SizeMm {
            width: page.0,
            height: page.1,
        },
        label: SizeMm {
            width: label.0,
            height: label.1,
        },
        columns: grid.0 as u32,
        rows: grid.1 as u32,
        margins: Xy {
            x: margin.0,
            y: margin.1,
        },
        pitch: Xy {
            x: pitch.0,
            y: pitch.1,
        },
    };
    geometry
        .validate()
        .map_err(|e| DomainError::invalid("template", "invalid", e.to_string()))?;
    Ok(Template::Custom(geometry))
}

/// `38.1x21.2` (also with `×` or `*`): two finite numbers, positive (or zero).
fn parse_pair(raw: &str, zero_ok: bool) -> Option<(f32, f32)> {
    let (a, b) = raw.trim().split_once(['x', 'X', '×', '*'])?;
    let (a, b) = (a.trim().parse::<f32>().ok()?, b.trim().parse::<f32>().ok()?);
    let ok = |v: f32| v.is_finite() && (v > 0.0 || (zero_ok && v == 0.0));
    (ok(a) && ok(b)).then_some((a, b))
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
