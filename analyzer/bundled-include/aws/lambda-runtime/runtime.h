// Minimal declarations of aws-lambda-cpp's public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace aws {
namespace lambda_runtime {

// One invocation, as the Lambda Runtime API delivers it.
struct invocation_request {
  std::string payload;
  std::string request_id;
  std::string xray_trace_id;
  std::string client_context;
  std::string cognito_identity;
  std::string function_arn;
  std::chrono::time_point<std::chrono::system_clock> deadline;
  std::chrono::milliseconds get_time_remaining() const;
};

class invocation_response {
public:
  invocation_response(std::string const &payload, std::string const &content_type, bool success);
  static invocation_response success(std::string payload, std::string content_type);
  static invocation_response failure(std::string const &error_message,
                                     std::string const &error_type);
  std::string const &get_content_type() const;
  std::string const &get_payload() const;
  bool is_success() const;
};

struct no_result {};

// Polls the Runtime API for invocations and calls handler for each one, until the process ends.
void run_handler(std::function<invocation_response(invocation_request const &)> const &handler);

} // namespace lambda_runtime
} // namespace aws
