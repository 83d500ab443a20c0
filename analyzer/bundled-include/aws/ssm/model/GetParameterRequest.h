// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/ssm/SSMRequest.h>

namespace Aws {
namespace SSM {
namespace Model {

class GetParameterRequest : public SSMRequest {
public:
  GetParameterRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetName() const;
  void SetName(const Aws::String &value);
  GetParameterRequest &WithName(const Aws::String &value);
  bool GetWithDecryption() const;
  void SetWithDecryption(bool value);
  GetParameterRequest &WithWithDecryption(bool value);
};

} // namespace Model
} // namespace SSM
} // namespace Aws
