// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSAllocator.h>

#include <functional>
#include <map>
#include <unordered_map>
#include <utility>

namespace Aws {

template <typename K, typename V>
using Map = std::map<K, V, std::less<K>, Aws::Allocator<std::pair<const K, V>>>;
template <typename K, typename V>
using UnorderedMap =
    std::unordered_map<K, V, std::hash<K>, std::equal_to<K>, Aws::Allocator<std::pair<const K, V>>>;
template <typename K, typename V>
using MultiMap = std::multimap<K, V, std::less<K>, Aws::Allocator<std::pair<const K, V>>>;

} // namespace Aws
