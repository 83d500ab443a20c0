// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/http/HttpClientFactory.h>
#include <aws/core/utils/logging/LogLevel.h>
#include <aws/core/utils/logging/LogSystemInterface.h>
#include <aws/core/utils/memory/AWSMemory.h>
#include <aws/core/utils/memory/stl/AWSString.h>

#include <functional>
#include <memory>

namespace Aws {
namespace Utils {
namespace Memory {
class MemorySystemInterface;
} // namespace Memory
} // namespace Utils

struct LoggingOptions {
  LoggingOptions();
  Aws::Utils::Logging::LogLevel logLevel;
  const char *defaultLogPrefix;
  std::function<std::shared_ptr<Aws::Utils::Logging::LogSystemInterface>()> logger_create_fn;
};

struct MemoryManagementOptions {
  MemoryManagementOptions();
  Aws::Utils::Memory::MemorySystemInterface *memoryManager;
};

struct HttpOptions {
  HttpOptions();
  std::function<std::shared_ptr<Aws::Http::HttpClientFactory>()> httpClientFactory_create_fn;
  bool initAndCleanupCurl;
  bool installSigPipeHandler;
  bool compliantRfc3986Encoding;
};

struct CryptoOptions {
  CryptoOptions();
  bool initAndCleanupOpenSSL;
};

// Process-wide options of InitAPI and ShutdownAPI.
struct SDKOptions {
  LoggingOptions loggingOptions;
  MemoryManagementOptions memoryManagementOptions;
  HttpOptions httpOptions;
  CryptoOptions cryptoOptions;
};

// Sets up the SDK's process-wide state (HTTP, crypto, logging); once per process, before any
// client is built.
void InitAPI(const SDKOptions &options);
void ShutdownAPI(const SDKOptions &options);

} // namespace Aws
