//! Citizen login through OpenID Connect (authorization code with PKCE S256, discovery, ID-token
//! verification) with the `openidconnect` crate, over the project's reqwest (a small adapter;
//! redirects are never followed, as the OIDC exchanges must not be redirected).
//!
//! In Italy the provider is a SPID/CIE/CNS gateway (a regional or national broker that speaks
//! OIDC towards services); the citizen's tax code arrives as a claim of the ID token, by default
//! `fiscal_number`, possibly as `TINIT-<code>` (SPID's form), which is accepted.
//!
//! The provider's metadata and keys are discovered at the first login and kept for an hour, so
//! the server starts even while the provider is unreachable.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenVerifier, CoreProviderMetadata,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, HttpRequest, HttpResponse, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use services::pins::StrongIdentity;
use tokio::sync::Mutex;

use super::auth::{
    IdentityProvider, LoginError, LoginStart, ProviderFuture, VerifiedCitizen, same,
};
use crate::session::CitizenLogin;

/// How discovered metadata is kept before asking the provider again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// The profile's `[portal.oidc]`.
#[derive(Clone)]
pub struct OidcConfig {
    /// The issuer URL (discovery at `<issuer>/.well-known/openid-configuration`).
    pub issuer: String,
    pub client_id: String,
    /// For a confidential client; `None` for a public client (PKCE alone).
    pub client_secret: Option<String>,
    /// This portal's `/portal/login/callback`, as registered with the provider.
    pub redirect_url: String,
    /// Scopes besides `openid`.
    pub scopes: Vec<String>,
    /// The ID-token claim that holds the tax code.
    pub tax_code_claim: String,
    /// What kind of identity the provider vouches for (recorded with the PIN).
    pub identity: StrongIdentity,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "***"))
            .field("redirect_url", &self.redirect_url)
            .field("scopes", &self.scopes)
            .field("tax_code_claim", &self.tax_code_claim)
            .field("identity", &self.identity)
            .finish()
    }
}

/// What the session keeps between the redirect and the callback.
#[derive(Serialize, Deserialize)]
struct Pending {
    state: String,
    nonce: String,
    verifier: String,
}

/// An OpenID Connect identity provider.
#[derive(Debug)]
pub struct OidcProvider {
    config: OidcConfig,
    http: reqwest::Client,
    metadata: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct HttpError(String);

/// `openidconnect`'s HTTP client: reqwest without redirects.
struct Http(reqwest::Client);

impl<'c> openidconnect::AsyncHttpClient<'c> for Http {
    type Error = HttpError;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<HttpResponse, HttpError>> + Send + 'c>,
    >;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(send(self.0.clone(), request))
    }
}

/// One HTTP exchange for `openidconnect`, over reqwest.
async fn send(http: reqwest::Client, request: HttpRequest) -> Result<HttpResponse, HttpError> {
    let (parts, body) = request.into_parts();
    let response = http
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await
        .map_err(|e| HttpError(e.to_string()))?;
    let mut builder = axum::http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| HttpError(e.to_string()))?;
    builder
        .body(body.to_vec())
        .map_err(|e| HttpError(e.to_string()))
}

impl OidcProvider {
    pub fn new(config: OidcConfig) -> OidcProvider {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .build()
            .unwrap_or_default();
        OidcProvider {
            config,
            http,
            metadata: Mutex::new(None),
        }
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, LoginError> {
        let mut cached = self.metadata.lock().await;
        if let Some((at, metadata)) = cached.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| LoginError::Provider(format!("issuer URL: {e}")))?;
        let client = Http(self.http.clone());
        let metadata = CoreProviderMetadata::discover_async(issuer, &client)
            .await
            .map_err(|e| LoginError::Provider(format!("discovery: {e}")))?;
        *cached = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }
}

/// The client for `metadata` as configured.
fn client(
    config: &OidcConfig,
    metadata: CoreProviderMetadata,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    LoginError,
> {
    let redirect = RedirectUrl::new(config.redirect_url.clone())
        .map_err(|e| LoginError::Provider(format!("redirect URL: {e}")))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(config.client_id.clone()),
        config.client_secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(redirect))
}

/// The authorization URL (code flow, PKCE S256, state, nonce, scopes) and what to keep for the
/// callback.
fn authorization(
    config: &OidcConfig,
    metadata: CoreProviderMetadata,
) -> Result<(String, String), LoginError> {
    let client = client(config, metadata)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in &config.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
    let pending = Pending {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
    };
    let pending =
        serde_json::to_string(&pending).map_err(|e| LoginError::Provider(e.to_string()))?;
    Ok((url.to_string(), pending))
}

/// The tax code in a claim's value: `RSSMRA80A01H501U` or SPID's `TINIT-RSSMRA80A01H501U`.
pub(crate) fn tax_code_from_claim(value: &str) -> Result<domain::TaxCode, LoginError> {
    let code = value.trim();
    let code = code
        .strip_prefix("TINIT-")
        .or_else(|| code.strip_prefix("tinit-"))
        .unwrap_or(code);
    domain::TaxCode::parse(code).map_err(|e| LoginError::NoTaxCode(e.to_string()))
}

/// The payload of a JWT (already verified) as JSON.
fn jwt_payload(token: &str) -> Result<serde_json::Value, LoginError> {
    let payload = token
        .split('.')
        .nth(1)
        .ok_or_else(|| LoginError::Provider("malformed ID token".to_owned()))?;
    let bytes =
        base64url(payload).ok_or_else(|| LoginError::Provider("malformed ID token".to_owned()))?;
    serde_json::from_slice(&bytes).map_err(|e| LoginError::Provider(format!("ID token: {e}")))
}

/// Unpadded base64url.
fn base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0_u32, 0_u32);
    for byte in text.bytes().filter(|b| *b != b'=') {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

impl IdentityProvider for OidcProvider {
    fn id(&self) -> &'static str {
        "oidc"
    }

    fn start(&self) -> ProviderFuture<'_, Result<LoginStart, LoginError>> {
        Box::pin(async move {
            let metadata = self.metadata().await?;
            let (url, pending) = authorization(&self.config, metadata)?;
            Ok(LoginStart {
                redirect_to: url,
                pending,
            })
        })
    }

    fn finish<'a>(
        &'a self,
        pending: &'a str,
        answer: &'a BTreeMap<String, String>,
    ) -> ProviderFuture<'a, Result<VerifiedCitizen, LoginError>> {
        Box::pin(async move {
            let pending: Pending =
                serde_json::from_str(pending).map_err(|_| LoginError::StateMismatch)?;
            let state = answer.get("state").map(String::as_str).unwrap_or("");
            if !same(state, &pending.state) {
                return Err(LoginError::StateMismatch);
            }
            let code = answer
                .get("code")
                .ok_or_else(|| LoginError::Provider("no authorization code".to_owned()))?;
            let metadata = self.metadata().await?;
            let client = client(&self.config, metadata)?;
            let http = Http(self.http.clone());
            let tokens = client
                .exchange_code(AuthorizationCode::new(code.clone()))
                .map_err(|e| LoginError::Provider(format!("token endpoint: {e}")))?
                .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
                .request_async(&http)
                .await
                .map_err(|e| LoginError::Provider(format!("code exchange: {e}")))?;
            let id_token = tokens
                .id_token()
                .ok_or_else(|| LoginError::Provider("no ID token".to_owned()))?;
            let verifier: CoreIdTokenVerifier<'_> = client.id_token_verifier();
            let claims = id_token
                .claims(&verifier, &Nonce::new(pending.nonce))
                .map_err(|e| LoginError::Provider(format!("ID token: {e}")))?;
            let _ = tokens.access_token();
            let payload = jwt_payload(&id_token.to_string())?;
            let tax_code = payload
                .get(&self.config.tax_code_claim)
                .and_then(|v| v.as_str())
                .ok_or_else(|| {
                    LoginError::NoTaxCode(format!("no claim {}", self.config.tax_code_claim))
                })
                .and_then(tax_code_from_claim)?;
            let given = claims
                .given_name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned());
            let family = claims
                .family_name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned());
            let display_name = match (given, family) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (Some(n), None) | (None, Some(n)) => Some(n),
                (None, None) => None,
            };
            Ok(VerifiedCitizen {
                tax_code,
                display_name,
                login: CitizenLogin::OpenIdConnect(self.config.identity),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use openidconnect::core::{
        CoreJwsSigningAlgorithm, CoreResponseType, CoreSubjectIdentifierType,
    };
    use openidconnect::{AuthUrl, JsonWebKeySetUrl, ResponseTypes, TokenUrl};
    use sha2::{Digest, Sha256};

    use super::*;

    fn config() -> OidcConfig {
        OidcConfig {
            issuer: "https://idp.example.it".into(),
            client_id: "centralino-portal".into(),
            client_secret: Some("s3cret".into()),
            redirect_url: "https://portal.example.it/portal/login/callback".into(),
            scopes: vec!["profile".into()],
            tax_code_claim: "fiscal_number".into(),
            identity: StrongIdentity::Spid,
        }
    }

    fn metadata() -> CoreProviderMetadata {
        CoreProviderMetadata::new(
            IssuerUrl::new("https://idp.example.it".into()).unwrap(),
            AuthUrl::new("https://idp.example.it/authorize".into()).unwrap(),
            JsonWebKeySetUrl::new("https://idp.example.it/jwks".into()).unwrap(),
            vec![ResponseTypes::new(vec![CoreResponseType::Code])],
            vec![CoreSubjectIdentifierType::Public],
            vec![CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256],
            Default::default(),
        )
        .set_token_endpoint(Some(
            TokenUrl::new("https://idp.example.it/token".into()).unwrap(),
        ))
    }

    #[test]
    fn the_authorization_url_asks_for_a_code_with_pkce_s256_state_and_nonce() {
        let (url, pending) = authorization(&config(), metadata()).unwrap();
        let url = url::Url::parse(&url).unwrap();
        assert_eq!(
            url.as_str().split('?').next(),
            Some("https://idp.example.it/authorize")
        );
        let q: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["client_id"], "centralino-portal");
        assert_eq!(
            q["redirect_uri"],
            "https://portal.example.it/portal/login/callback"
        );
        assert_eq!(q["scope"], "openid profile");
        assert_eq!(q["code_challenge_method"], "S256");
        let pending: Pending = serde_json::from_str(&pending).unwrap();
        assert_eq!(q["state"], pending.state);
        assert_eq!(q["nonce"], pending.nonce);
        // The challenge is the verifier's SHA-256, base64url without padding (RFC 7636).
        let digest = Sha256::digest(pending.verifier.as_bytes());
        let challenge = q["code_challenge"].clone();
        assert_eq!(base64url(&challenge).unwrap(), digest.to_vec());
        assert!(pending.verifier.len() >= 43);
        // A second login gets fresh values.
        let (_, again) = authorization(&config(), metadata()).unwrap();
        let again: Pending = serde_json::from_str(&again).unwrap();
        assert_ne!(again.state, pending.state);
        assert_ne!(again.verifier, pending.verifier);
        assert_ne!(again.nonce, pending.nonce);
    }

    #[tokio::test]
    async fn a_callback_with_another_state_is_refused_before_any_exchange() {
        let provider = OidcProvider::new(config());
        let pending = serde_json::to_string(&Pending {
            state: "expected".into(),
            nonce: "n".into(),
            verifier: "v".into(),
        })
        .unwrap();
        let answer = BTreeMap::from([
            ("state".to_owned(), "forged".to_owned()),
            ("code".to_owned(), "c".to_owned()),
        ]);
        assert!(matches!(
            provider.finish(&pending, &answer).await,
            Err(LoginError::StateMismatch)
        ));
        assert!(matches!(
            provider.finish("not json", &answer).await,
            Err(LoginError::StateMismatch)
        ));
    }

    #[test]
    fn tax_codes_come_plain_or_in_spids_form() {
        assert_eq!(
            tax_code_from_claim("TINIT-RSSMRA80A01H501U")
                .unwrap()
                .as_str(),
            "RSSMRA80A01H501U"
        );
        assert_eq!(
            tax_code_from_claim("rssmra80a01h501u").unwrap().as_str(),
            "RSSMRA80A01H501U"
        );
        assert!(tax_code_from_claim("TINIT-XYZ").is_err());
    }

    #[test]
    fn base64url_decodes_without_padding() {
        assert_eq!(base64url("eyJhIjoxfQ").unwrap(), br#"{"a":1}"#);
        assert!(base64url("a+b").is_none());
    }
}
