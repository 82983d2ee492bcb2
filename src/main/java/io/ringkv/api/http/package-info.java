/**
 * The HTTP client API (DESIGN.md Part B): {@link io.ringkv.api.http.HttpApi} builds the router,
 * {@link io.ringkv.api.http.HttpApiVerticle} serves it. A thin shell: it owns HTTP syntax (paths,
 * query integers, the base64url context header, the body limit, Accept, multipart) and hands one
 * command to the node's ports, which own every rule shared with the gRPC API.
 *
 * <p>Choices the contract leaves open, made here:
 *
 * <ul>
 *   <li>Keys and bucket names are percent-decoded once, straight to bytes ({@code %2F} is a slash
 *       inside the key), and must then be 1 to 1024 bytes of UTF-8, as the contract says: else
 *       400 {@code bad_key} or {@code bad_bucket}, on every route that names them. A key written
 *       over gRPC (any bytes) that is not UTF-8 cannot be addressed over HTTP. A malformed escape
 *       is a 400.
 *   <li>{@code r} and {@code w} given in a query must be at least 1 (absent means the bucket's
 *       default, which gRPC spells 0); {@code pw} may be 0. Their upper bound, n, is the
 *       coordinator's to check.
 *   <li>{@code Accept: application/json} is honoured when JSON is the client's first preference.
 *   <li>An empty bucket ({@code /buckets//…}) is a 400 {@code bad_bucket}, caught before routing:
 *       Vert.x's normalization would collapse it to a path no route takes. The keys {@code .} and
 *       {@code ..} cannot be addressed: normalization removes them.
 *   <li>Requests the HTTP codec rejects get the JSON error shape too (400, 414, 431), except an
 *       unknown HTTP version, which Vert.x answers by itself (501, no body).
 * </ul>
 */
package io.ringkv.api.http;
