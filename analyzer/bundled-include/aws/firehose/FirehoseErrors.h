// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/AWSError.h>
#include <aws/core/client/CoreErrors.h>

namespace Aws {
namespace Firehose {
enum class FirehoseErrors {
  INCOMPLETE_SIGNATURE = 0,
  INTERNAL_FAILURE = 1,
  INVALID_ACTION = 2,
  INVALID_CLIENT_TOKEN_ID = 3,
  INVALID_PARAMETER_COMBINATION = 4,
  INVALID_QUERY_PARAMETER = 5,
  INVALID_PARAMETER_VALUE = 6,
  MISSING_ACTION = 7,
  MISSING_AUTHENTICATION_TOKEN = 8,
  MISSING_PARAMETER = 9,
  OPT_IN_REQUIRED = 10,
  REQUEST_EXPIRED = 11,
  SERVICE_UNAVAILABLE = 12,
  THROTTLING = 13,
  VALIDATION = 14,
  ACCESS_DENIED = 15,
  RESOURCE_NOT_FOUND = 16,
  UNRECOGNIZED_CLIENT = 17,
  MALFORMED_QUERY_STRING = 18,
  SLOW_DOWN = 19,
  REQUEST_TIME_TOO_SKEWED = 20,
  INVALID_SIGNATURE = 21,
  SIGNATURE_DOES_NOT_MATCH = 22,
  INVALID_ACCESS_KEY_ID = 23,
  REQUEST_TIMEOUT = 24,
  NETWORK_CONNECTION = 99,
  UNKNOWN = 100,
  CONCURRENT_MODIFICATION =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 1,
  INVALID_ARGUMENT = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 2,
  INVALID_K_M_S_RESOURCE =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 3,
  INVALID_SOURCE = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 4,
  LIMIT_EXCEEDED = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 5,
  RESOURCE_IN_USE = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 6,
};

class FirehoseError : public Aws::Client::AWSError<FirehoseErrors> {
public:
  FirehoseError();
  FirehoseError(const Aws::Client::AWSError<Aws::Client::CoreErrors> &rhs);
  FirehoseError(Aws::Client::AWSError<Aws::Client::CoreErrors> &&rhs);
  FirehoseError(const Aws::Client::AWSError<FirehoseErrors> &rhs);
  FirehoseError(Aws::Client::AWSError<FirehoseErrors> &&rhs);
};

namespace FirehoseErrorMapper {
Aws::Client::AWSError<Aws::Client::CoreErrors> GetErrorForName(const char *errorName);
} // namespace FirehoseErrorMapper
} // namespace Firehose
} // namespace Aws
