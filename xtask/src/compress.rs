//! The `.gz` and `.br` files written beside each shipped file, at the
//! strongest settings, for a server to send as they are (the sandbox does).

use std::io;
use std::path::Path;

/// gzip by zopfli: the smallest a browser can read, about 6 % under zlib's
/// level 9 on the wasm.
pub fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, data, &mut out)?;
    Ok(out)
}

/// brotli at quality 11 with the default 4 MiB window, told the input's size.
pub fn brotli(data: &[u8]) -> io::Result<Vec<u8>> {
    let params =
        brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, size_hint: data.len(), ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

/// Writes `FILE.gz` and `FILE.br` beside `file`.
pub fn precompress(file: &Path) -> io::Result<()> {
    let data = std::fs::read(file)?;
    let name = file.as_os_str().to_owned();
    let beside = |suffix: &str| {
        let mut n = name.clone();
        n.push(suffix);
        std::path::PathBuf::from(n)
    };
    std::fs::write(beside(".gz"), gzip(&data)?)?;
    std::fs::write(beside(".br"), brotli(&data)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_decompress_to_the_input() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let gz = gzip(&data).unwrap();
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut unzipped).unwrap();
        assert_eq!(unzipped, data);
        let mut br = Vec::new();
        brotli::Decompressor::new(&brotli(&data).unwrap()[..], 4096).read_to_end(&mut br).unwrap();
        assert_eq!(br, data);
        assert!(gz.len() < data.len() / 10);
    }
}
