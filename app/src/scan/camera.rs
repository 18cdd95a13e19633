//! The back camera in the browser: frames are grabbed into a canvas, turned to grayscale
//! and decoded with rqrr compiled to wasm, so no frame goes to the server. A hit beeps and
//! vibrates. Browser-only (the `hydrate` build).

use std::{cell::RefCell, rc::Rc, time::Duration};

use labels::LabelCode;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AudioContext, CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
    MediaStreamConstraints, MediaStreamTrack, MediaTrackConstraints,
};

/// Frames are decoded at most this often: enough to answer within a second, light enough
/// for a tablet's battery.
const FRAME_EVERY: Duration = Duration::from_millis(150);
/// The same code seen again within this time is the same scan, not a new one.
const SAME_SCAN: f64 = 2500.0;
/// Frames are scaled down to at most this width before decoding.
const FRAME_WIDTH: f64 = 640.0;

/// Opens the back camera into `video`; the error says why there is no camera (refused,
/// none, insecure page).
pub async fn open(video: &HtmlVideoElement) -> Result<MediaStream, String> {
    let window = web_sys::window().ok_or("no window")?;
    let devices = window
        .navigator()
        .media_devices()
        .map_err(|_| "this browser gives no camera access".to_string())?;
    let constraints = MediaStreamConstraints::new();
    let track = MediaTrackConstraints::new();
    track.set_facing_mode_str("environment");
    constraints.set_video(&track.into());
    constraints.set_audio(&JsValue::FALSE);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(describe)?;
    let stream: MediaStream = JsFuture::from(promise)
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    video.set_src_object(Some(&stream));
    let _ = video.play();
    Ok(stream)
}

/// Stops the camera (its light goes off).
pub fn close(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// Decodes frames until the returned handle is cleared; `found` gets each new code and
/// the milliseconds its frame took to decode.
///
/// `epoch` changes when what a scan does changes (another mode): a label already in view
/// is then read again, for the new mode.
pub fn watch(
    video: HtmlVideoElement,
    canvas: HtmlCanvasElement,
    epoch: impl Fn() -> u32 + 'static,
    found: impl Fn(LabelCode, f64) + 'static,
) -> Option<IntervalHandle> {
    let last: Rc<RefCell<Option<(LabelCode, f64, u32)>>> = Rc::new(RefCell::new(None));
    set_interval_with_handle(
        move || {
            let Some((width, height, gray)) = grab(&video, &canvas) else {
                return;
            };
            let started = now();
            let Ok(code) = labels::decode::decode_label(width, height, &gray) else {
                return;
            };
            let took = now() - started;
            let mut last = last.borrow_mut();
            let epoch = epoch();
            let again = matches!(*last, Some((c, at, e)) if c == code && e == epoch && now() - at < SAME_SCAN);
            // Refreshed at every sighting: a label left in view is one scan, however long
            // it stays; it counts again once it has been out of view for SAME_SCAN.
            *last = Some((code, now(), epoch));
            drop(last);
            if again {
                return;
            }
            signal_hit();
            found(code, took);
        },
        FRAME_EVERY,
    )
    .ok()
}

/// The current frame as grayscale (ITU-R 601 luma), at most 640 pixels wide.
fn grab(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<(usize, usize, Vec<u8>)> {
    // HAVE_CURRENT_DATA: a frame is there to draw.
    if video.ready_state() < 2 || video.video_width() == 0 {
        return None;
    }
    let (vw, vh) = (
        f64::from(video.video_width()),
        f64::from(video.video_height()),
    );
    let scale = (FRAME_WIDTH / vw).min(1.0);
    let (w, h) = ((vw * scale).round() as u32, (vh * scale).round() as u32);
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w.into(), h.into())
        .ok()?;
    let rgba = ctx
        .get_image_data(0.0, 0.0, w.into(), h.into())
        .ok()?
        .data();
    let gray = rgba
        .0
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect();
    Some((w as usize, h as usize, gray))
}

/// A short beep and a buzz, so a technician wearing gloves knows without looking.
fn signal_hit() {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().vibrate_with_duration(120);
    }
    let Ok(audio) = AudioContext::new() else {
        return;
    };
    if let Ok(tone) = audio.create_oscillator() {
        tone.frequency().set_value(1760.0);
        let _ = tone.connect_with_audio_node(&audio.destination());
        let _ = tone.start();
        let _ = tone.stop_with_when(audio.current_time() + 0.12);
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// A browser error (`NotAllowedError: …`) as text.
fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the camera could not be opened".into())
}
