//! TLS to the hub through rustls, with libpq's meaning of `sslmode`: `prefer` (the default)
//! and `require` encrypt without checking the server's certificate against a root (as libpq
//! does without a root certificate file); `verify-ca` checks that it chains to a root in
//! `sslrootcert` (default: `PGSSLROOTCERT`, else `~/.postgresql/root.crt`), `verify-full`
//! also that it names the host; `disable` does not encrypt.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::HubError;

/// How the server's certificate is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Not at all: encryption only (`sslmode` `prefer`, `require`).
    EncryptOnly,
    /// It chains to a root in this file (`verify-ca`).
    Chain(PathBuf),
    /// It chains to a root in this file and names the host (`verify-full`).
    ChainAndName(PathBuf),
}

impl Check {
    /// Takes libpq's `sslmode=verify-ca|verify-full` and `sslrootcert=FILE` out of a URL's
    /// query (the client library knows neither): answers the URL left, asking for TLS, and
    /// the check.
    pub fn from_url(url: &str) -> (String, Check) {
        let Some((base, query)) = url.split_once('?') else {
            return (url.to_string(), Check::EncryptOnly);
        };
        let (mut mode, mut root) = (None, None);
        let mut kept = Vec::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("sslmode", m @ ("verify-ca" | "verify-full"))) => mode = Some(m),
                Some(("sslrootcert", file)) => root = Some(PathBuf::from(file)),
                _ => kept.push(pair),
            }
        }
        let Some(mode) = mode else {
            return (url.to_string(), Check::EncryptOnly);
        };
        kept.push("sslmode=require");
        let root = root.unwrap_or_else(default_root);
        let check = if mode == "verify-ca" {
            Check::Chain(root)
        } else {
            Check::ChainAndName(root)
        };
        (format!("{base}?{}", kept.join("&")), check)
    }
}

/// libpq's root certificate file: `PGSSLROOTCERT`, else `~/.postgresql/root.crt`.
fn default_root() -> PathBuf {
    std::env::var_os("PGSSLROOTCERT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".postgresql/root.crt")))
        .unwrap_or_else(|| PathBuf::from("root.crt"))
}

/// The root certificates of a PEM file.
fn roots(path: &Path) -> Result<RootCertStore, HubError> {
    let refuse = |why: String| {
        HubError::Refused(format!(
            "the root certificate file {} for sslmode=verify-ca/verify-full: {why}",
            path.display()
        ))
    };
    let bytes = std::fs::read(path).map_err(|e| refuse(e.to_string()))?;
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&bytes) {
        let cert = cert.map_err(|e| refuse(format!("not PEM certificates ({e})")))?;
        store.add(cert).map_err(|e| refuse(e.to_string()))?;
    }
    if store.is_empty() {
        return Err(refuse("it holds no certificate".into()));
    }
    Ok(store)
}

/// `verify-ca`: the chain is checked as for `verify-full`, a certificate for another name
/// accepted.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// Accepts the server's certificate (encryption, no authentication of the server, as libpq's
/// `sslmode=require`), while still checking the handshake's signatures.
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The TLS connector of a hub connection, checking the server's certificate as `check` says.
pub fn connector(check: &Check) -> Result<MakeRustlsConnect, HubError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = |e: rustls::Error| HubError::Refused(format!("TLS: {e}"));
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(tls)?;
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::EncryptOnly => Arc::new(EncryptOnly(provider)),
        Check::Chain(root) | Check::ChainAndName(root) => {
            let webpki =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots(root)?), provider)
                    .build()
                    .map_err(|e| HubError::Refused(format!("TLS: {e}")))?;
            match check {
                Check::Chain(_) => Arc::new(AnyName(webpki)),
                _ => webpki,
            }
        }
    };
    let config = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_modes_and_the_root_file_come_out_of_the_url() {
        let (url, check) = Check::from_url("postgres://a@h/db");
        assert_eq!(
            (url.as_str(), check),
            ("postgres://a@h/db", Check::EncryptOnly)
        );
        let (url, check) =
            Check::from_url("postgres://a@h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem");
        assert_eq!(url, "postgres://a@h/db?sslmode=require");
        assert_eq!(check, Check::ChainAndName("/etc/ca.pem".into()));
        let (url, check) = Check::from_url(
            "postgres://a@h/db?connect_timeout=3&sslmode=verify-ca&sslrootcert=r.crt",
        );
        assert_eq!(url, "postgres://a@h/db?connect_timeout=3&sslmode=require");
        assert_eq!(check, Check::Chain("r.crt".into()));
        let (url, _) = Check::from_url("postgres://a@h/db?sslmode=require");
        assert_eq!(url, "postgres://a@h/db?sslmode=require");
    }

    #[test]
    fn a_missing_or_empty_root_file_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.crt");
        let Err(e) = connector(&Check::ChainAndName(missing)) else {
            panic!("a missing root file was accepted");
        };
        assert!(e.to_string().contains("none.crt"), "{e}");
        let empty = dir.path().join("empty.crt");
        std::fs::write(&empty, "not a certificate").unwrap();
        let Err(e) = connector(&Check::Chain(empty)) else {
            panic!("an empty root file was accepted");
        };
        assert!(e.to_string().contains("no certificate"), "{e}");
    }
}
