// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/secretsmanager/SecretsManagerRequest.h>

namespace Aws {
namespace SecretsManager {
namespace Model {

class GetSecretValueRequest : public SecretsManagerRequest {
public:
  GetSecretValueRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetSecretId() const;
  void SetSecretId(const Aws::String &value);
  GetSecretValueRequest &WithSecretId(const Aws::String &value);
  const Aws::String &GetVersionId() const;
  void SetVersionId(const Aws::String &value);
  GetSecretValueRequest &WithVersionId(const Aws::String &value);
  const Aws::String &GetVersionStage() const;
  void SetVersionStage(const Aws::String &value);
  GetSecretValueRequest &WithVersionStage(const Aws::String &value);
};

} // namespace Model
} // namespace SecretsManager
} // namespace Aws
