// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/ssm/model/ParameterType.h>

namespace Aws {
namespace SSM {
namespace Model {

class Parameter {
public:
  Parameter();
  const Aws::String &GetName() const;
  void SetName(const Aws::String &value);
  Parameter &WithName(const Aws::String &value);
  ParameterType GetType() const;
  void SetType(ParameterType value);
  Parameter &WithType(ParameterType value);
  const Aws::String &GetValue() const;
  void SetValue(const Aws::String &value);
  Parameter &WithValue(const Aws::String &value);
  long long GetVersion() const;
  void SetVersion(long long value);
  Parameter &WithVersion(long long value);
  const Aws::String &GetSelector() const;
  void SetSelector(const Aws::String &value);
  Parameter &WithSelector(const Aws::String &value);
  const Aws::String &GetSourceResult() const;
  void SetSourceResult(const Aws::String &value);
  Parameter &WithSourceResult(const Aws::String &value);
  const Aws::Utils::DateTime &GetLastModifiedDate() const;
  void SetLastModifiedDate(const Aws::Utils::DateTime &value);
  Parameter &WithLastModifiedDate(const Aws::Utils::DateTime &value);
  const Aws::String &GetARN() const;
  void SetARN(const Aws::String &value);
  Parameter &WithARN(const Aws::String &value);
  const Aws::String &GetDataType() const;
  void SetDataType(const Aws::String &value);
  Parameter &WithDataType(const Aws::String &value);
};

} // namespace Model
} // namespace SSM
} // namespace Aws
