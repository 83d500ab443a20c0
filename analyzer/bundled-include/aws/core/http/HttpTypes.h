// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace Http {

enum class HttpMethod {
  HTTP_GET,
  HTTP_POST,
  HTTP_DELETE,
  HTTP_PUT,
  HTTP_HEAD,
  HTTP_PATCH,
  HTTP_CONNECT,
  HTTP_OPTIONS,
  HTTP_TRACE
};

enum class TransferLibType { DEFAULT_CLIENT, CURL_CLIENT, WIN_INET_CLIENT, WIN_HTTP_CLIENT };

} // namespace Http
} // namespace Aws
