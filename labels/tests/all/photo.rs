//! Photos taken with a phone's own camera app, decoded on the server.

use image::{codecs::jpeg::JpegEncoder, imageops, GrayImage, Luma};
use labels::{
    decode::{decode_photo, PhotoError},
    qr::{label_png, EcLevel},
};

use crate::helpers::{codes, BASE};

/// A large photo: the label small in a big, light grey frame, saved as JPEG.
fn photo_of(code: &labels::LabelCode) -> Vec<u8> {
    let png = label_png(BASE, code, EcLevel::Q, 6).unwrap();
    let label = image::load_from_memory(&png).unwrap().to_luma8();
    let mut frame = GrayImage::from_pixel(3000, 2250, Luma([215]));
    let big = imageops::resize(&label, 700, 700, imageops::FilterType::Triangle);
    imageops::overlay(&mut frame, &big, 1100, 700);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&frame)
        .unwrap();
    jpeg
}

#[test]
fn a_jpeg_photo_of_a_label_gives_its_code() {
    for code in codes(3, 71) {
        assert_eq!(decode_photo(&photo_of(&code)).unwrap(), code);
    }
}

#[test]
fn a_photo_without_a_label_or_a_file_that_is_no_image_says_so() {
    let blank = GrayImage::from_pixel(800, 600, Luma([200]));
    let mut png = Vec::new();
    blank
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    assert!(matches!(decode_photo(&png), Err(PhotoError::Decode(_))));
    assert_eq!(decode_photo(b"%PDF-1.4"), Err(PhotoError::NotAnImage));
}
