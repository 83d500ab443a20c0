// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/AWSError.h>
#include <aws/core/client/CoreErrors.h>

namespace Aws {
namespace Kinesis {
enum class KinesisErrors {
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
  EXPIRED_ITERATOR = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 1,
  K_M_S_ACCESS_DENIED =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 2,
  K_M_S_DISABLED = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 3,
  K_M_S_NOT_FOUND = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 4,
  K_M_S_THROTTLING = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 5,
  LIMIT_EXCEEDED = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 6,
  PROVISIONED_THROUGHPUT_EXCEEDED =
      static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 7,
  RESOURCE_IN_USE = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 8,
  INVALID_ARGUMENT = static_cast<int>(Aws::Client::CoreErrors::SERVICE_EXTENSION_START_RANGE) + 9,
};

class KinesisError : public Aws::Client::AWSError<KinesisErrors> {
public:
  KinesisError();
  KinesisError(const Aws::Client::AWSError<Aws::Client::CoreErrors> &rhs);
  KinesisError(Aws::Client::AWSError<Aws::Client::CoreErrors> &&rhs);
  KinesisError(const Aws::Client::AWSError<KinesisErrors> &rhs);
  KinesisError(Aws::Client::AWSError<KinesisErrors> &&rhs);
};

namespace KinesisErrorMapper {
Aws::Client::AWSError<Aws::Client::CoreErrors> GetErrorForName(const char *errorName);
} // namespace KinesisErrorMapper
} // namespace Kinesis
} // namespace Aws
