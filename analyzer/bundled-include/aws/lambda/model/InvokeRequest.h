// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonStreamingWebServiceRequest.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/lambda/model/InvocationType.h>
#include <aws/lambda/model/LogType.h>

namespace Aws {
namespace Lambda {
namespace Model {

class InvokeRequest : public Aws::AmazonStreamingWebServiceRequest {
public:
  InvokeRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetFunctionName() const;
  void SetFunctionName(const Aws::String &value);
  InvokeRequest &WithFunctionName(const Aws::String &value);
  InvocationType GetInvocationType() const;
  void SetInvocationType(InvocationType value);
  InvokeRequest &WithInvocationType(InvocationType value);
  LogType GetLogType() const;
  void SetLogType(LogType value);
  InvokeRequest &WithLogType(LogType value);
  const Aws::String &GetClientContext() const;
  void SetClientContext(const Aws::String &value);
  InvokeRequest &WithClientContext(const Aws::String &value);
  const Aws::String &GetQualifier() const;
  void SetQualifier(const Aws::String &value);
  InvokeRequest &WithQualifier(const Aws::String &value);
};

} // namespace Model
} // namespace Lambda
} // namespace Aws
