/**
 * What a private_key_jwt client assertion may be (RFC 7523 §2.2): its type, and its signature
 * algorithms, asymmetric only. `none` and HS* are not among them: an HMAC key would have to be
 * shared with Gatehouse, and a metadata-document client has nothing shared.
 */
export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const ASSERTION_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
