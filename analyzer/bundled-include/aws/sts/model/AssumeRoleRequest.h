// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/sts/STSRequest.h>

namespace Aws {
namespace STS {
namespace Model {

class AssumeRoleRequest : public STSRequest {
public:
  AssumeRoleRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetRoleArn() const;
  void SetRoleArn(const Aws::String &value);
  AssumeRoleRequest &WithRoleArn(const Aws::String &value);
  const Aws::String &GetRoleSessionName() const;
  void SetRoleSessionName(const Aws::String &value);
  AssumeRoleRequest &WithRoleSessionName(const Aws::String &value);
  const Aws::String &GetPolicy() const;
  void SetPolicy(const Aws::String &value);
  AssumeRoleRequest &WithPolicy(const Aws::String &value);
  int GetDurationSeconds() const;
  void SetDurationSeconds(int value);
  AssumeRoleRequest &WithDurationSeconds(int value);
  const Aws::String &GetExternalId() const;
  void SetExternalId(const Aws::String &value);
  AssumeRoleRequest &WithExternalId(const Aws::String &value);
  const Aws::String &GetSerialNumber() const;
  void SetSerialNumber(const Aws::String &value);
  AssumeRoleRequest &WithSerialNumber(const Aws::String &value);
  const Aws::String &GetTokenCode() const;
  void SetTokenCode(const Aws::String &value);
  AssumeRoleRequest &WithTokenCode(const Aws::String &value);
  const Aws::String &GetSourceIdentity() const;
  void SetSourceIdentity(const Aws::String &value);
  AssumeRoleRequest &WithSourceIdentity(const Aws::String &value);
};

} // namespace Model
} // namespace STS
} // namespace Aws
