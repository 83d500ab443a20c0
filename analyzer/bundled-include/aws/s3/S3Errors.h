// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/AWSError.h>
#include <aws/core/client/CoreErrors.h>

namespace Aws {
namespace S3 {
enum class S3Errors {
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
  BUCKET_ALREADY_EXISTS =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 1,
  BUCKET_ALREADY_OWNED_BY_YOU =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 2,
  INVALID_OBJECT_STATE =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 3,
  NO_SUCH_BUCKET = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 4,
  NO_SUCH_KEY = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 5,
  NO_SUCH_UPLOAD = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 6,
  OBJECT_ALREADY_IN_ACTIVE_TIER =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 7,
  OBJECT_NOT_IN_ACTIVE_TIER =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 8,
};

class S3Error : public Aws::Client::AWSError<S3Errors> {
public:
  S3Error();
  S3Error(const Aws::Client::AWSError<Aws::Client::CoreErrors> &rhs);
  S3Error(Aws::Client::AWSError<Aws::Client::CoreErrors> &&rhs);
  S3Error(const Aws::Client::AWSError<S3Errors> &rhs);
  S3Error(Aws::Client::AWSError<S3Errors> &&rhs);
};

namespace S3ErrorMapper {
Aws::Client::AWSError<Aws::Client::CoreErrors> GetErrorForName(const char *errorName);
} // namespace S3ErrorMapper
} // namespace S3
} // namespace Aws
