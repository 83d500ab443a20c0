// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/json/JsonSerializer.h>
#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>

#include <cstddef>
#include <memory>

namespace Aws {
namespace DynamoDB {
namespace Model {

enum class ValueType {
  STRING,
  NUMBER,
  BYTEBUFFER,
  STRING_SET,
  NUMBER_SET,
  BYTEBUFFER_SET,
  ATTRIBUTE_MAP,
  ATTRIBUTE_LIST,
  BOOL,
  NULLVALUE
};

// One DynamoDB value: a string, number, binary, set, map, list, boolean or null. Its setters
// return the value itself, so that they chain.
class AttributeValue {
public:
  AttributeValue();
  explicit AttributeValue(const Aws::String &s);
  explicit AttributeValue(const Aws::Vector<Aws::String> &ss);
  AttributeValue(Aws::Utils::Json::JsonView jsonValue);

  const Aws::String GetS() const;
  AttributeValue &SetS(const Aws::String &s);
  AttributeValue &SetS(const char *s);
  const Aws::String GetN() const;
  AttributeValue &SetN(const Aws::String &n);
  AttributeValue &SetN(const char *n);
  AttributeValue &SetN(const int nItem);
  AttributeValue &SetN(const float nItem);
  AttributeValue &SetN(const double nItem);
  const Aws::Utils::ByteBuffer GetB() const;
  const Aws::Utils::ByteBuffer &AccessB() const;
  AttributeValue &SetB(const Aws::Utils::ByteBuffer &b);
  const Aws::Vector<Aws::String> GetSS() const;
  AttributeValue &SetSS(const Aws::Vector<Aws::String> &ss);
  AttributeValue &AddSItem(const Aws::String &sItem);
  AttributeValue &AddSItem(const char *sItem);
  const Aws::Vector<Aws::String> GetNS() const;
  AttributeValue &SetNS(const Aws::Vector<Aws::String> &ns);
  AttributeValue &AddNItem(const Aws::String &nItem);
  AttributeValue &AddNItem(const char *nItem);
  const Aws::Vector<Aws::Utils::ByteBuffer> GetBS() const;
  AttributeValue &SetBS(const Aws::Vector<Aws::Utils::ByteBuffer> &bs);
  AttributeValue &AddBItem(const Aws::Utils::ByteBuffer &bItem);
  AttributeValue &AddBItem(const unsigned char *bItem, std::size_t size);
  const Aws::Map<Aws::String, const std::shared_ptr<AttributeValue>> GetM() const;
  AttributeValue &SetM(const Aws::Map<Aws::String, const std::shared_ptr<AttributeValue>> &map);
  AttributeValue &AddMEntry(const Aws::String &key, const std::shared_ptr<AttributeValue> &value);
  AttributeValue &AddMEntry(const char *key, const std::shared_ptr<AttributeValue> &value);
  const Aws::Vector<std::shared_ptr<AttributeValue>> GetL() const;
  AttributeValue &SetL(const Aws::Vector<std::shared_ptr<AttributeValue>> &list);
  AttributeValue &AddLItem(const std::shared_ptr<AttributeValue> &listItem);
  bool GetBool() const;
  AttributeValue &SetBool(bool value);
  bool GetNull() const;
  AttributeValue &SetNull(bool value);

  AttributeValue &operator=(Aws::Utils::Json::JsonView);
  bool operator==(const AttributeValue &other) const;
  bool operator!=(const AttributeValue &other) const;
  Aws::String SerializeAttribute() const;
  Aws::Utils::Json::JsonValue Jsonize() const;
  ValueType GetType() const;
};

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
