// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/CoreErrors.h>
#include <aws/core/http/HttpResponse.h>
#include <aws/core/utils/memory/stl/AWSStreamFwd.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Client {

// The error an operation's Outcome holds when it did not succeed.
template <typename ERROR_TYPE> class AWSError {
public:
  AWSError();
  AWSError(ERROR_TYPE errorType, Aws::String exceptionName, Aws::String message, bool isRetryable);
  AWSError(ERROR_TYPE errorType, bool isRetryable);
  template <typename OTHER_ERROR_TYPE> AWSError(const AWSError<OTHER_ERROR_TYPE> &rhs);
  virtual ~AWSError() = default;

  const ERROR_TYPE GetErrorType() const;
  const Aws::String &GetExceptionName() const;
  void SetExceptionName(const Aws::String &exceptionName);
  const Aws::String &GetMessage() const;
  void SetMessage(const Aws::String &message);
  const Aws::String &GetRemoteHostIpAddress() const;
  const Aws::String &GetRequestId() const;
  bool ShouldRetry() const;
  Aws::Http::HttpResponseCode GetResponseCode() const;
};

template <typename T> Aws::OStream &operator<<(Aws::OStream &s, const AWSError<T> &e);

} // namespace Client
} // namespace Aws
