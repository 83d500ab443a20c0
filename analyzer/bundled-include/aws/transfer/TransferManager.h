// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSStreamFwd.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/threading/Executor.h>
#include <aws/s3/S3Client.h>
#include <aws/s3/model/GetObjectRequest.h>
#include <aws/s3/model/PutObjectRequest.h>
#include <aws/transfer/TransferHandle.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>

namespace Aws {
namespace Transfer {

class TransferManager;

struct DownloadConfiguration {
  DownloadConfiguration();
  Aws::String versionId;
};

using UploadProgressCallback =
    std::function<void(const TransferManager *, const std::shared_ptr<const TransferHandle> &)>;
using DownloadProgressCallback =
    std::function<void(const TransferManager *, const std::shared_ptr<const TransferHandle> &)>;
using TransferStatusUpdatedCallback =
    std::function<void(const TransferManager *, const std::shared_ptr<const TransferHandle> &)>;
using ErrorCallback =
    std::function<void(const TransferManager *, const std::shared_ptr<const TransferHandle> &,
                       const Aws::Client::AWSError<Aws::S3::S3Errors> &)>;

struct TransferManagerConfiguration {
  TransferManagerConfiguration(Aws::Utils::Threading::Executor *executor);

  std::shared_ptr<Aws::S3::S3Client> s3Client;
  Aws::Utils::Threading::Executor *transferExecutor;
  bool computeContentMD5;
  Aws::S3::Model::PutObjectRequest putObjectTemplate;
  Aws::S3::Model::GetObjectRequest getObjectTemplate;
  uint64_t transferBufferMaxHeapSize;
  uint64_t bufferSize;
  UploadProgressCallback uploadProgressCallback;
  DownloadProgressCallback downloadProgressCallback;
  TransferStatusUpdatedCallback transferStatusUpdatedCallback;
  ErrorCallback errorCallback;
  Aws::Map<Aws::String, Aws::String> customizedAccessLogTag;
};

// Uploads and downloads through an S3 client in parts, on the configuration's executor. Built
// only through Create.
class TransferManager : public std::enable_shared_from_this<TransferManager> {
public:
  static std::shared_ptr<TransferManager> Create(const TransferManagerConfiguration &config);
  ~TransferManager();

  std::shared_ptr<TransferHandle>
  UploadFile(const Aws::String &fileName, const Aws::String &bucketName, const Aws::String &keyName,
             const Aws::String &contentType, const Aws::Map<Aws::String, Aws::String> &metadata,
             const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr);
  std::shared_ptr<TransferHandle>
  UploadFile(const std::shared_ptr<Aws::IOStream> &stream, const Aws::String &bucketName,
             const Aws::String &keyName, const Aws::String &contentType,
             const Aws::Map<Aws::String, Aws::String> &metadata,
             const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr);
  std::shared_ptr<TransferHandle>
  DownloadFile(const Aws::String &bucketName, const Aws::String &keyName,
               const Aws::String &writeToFile,
               const DownloadConfiguration &downloadConfig = DownloadConfiguration(),
               const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr);
  std::shared_ptr<TransferHandle> RetryUpload(const Aws::String &fileName,
                                              const std::shared_ptr<TransferHandle> &retryHandle);
  void UploadDirectory(const Aws::String &directory, const Aws::String &bucketName,
                       const Aws::String &prefix,
                       const Aws::Map<Aws::String, Aws::String> &metadata);
  void DownloadToDirectory(const Aws::String &directory, const Aws::String &bucketName,
                           const Aws::String &prefix = Aws::String());
  void AbortMultipartUpload(const std::shared_ptr<TransferHandle> &inProgressHandle);
  void CancelAll();
  void WaitUntilAllFinished(int64_t timeoutMs = std::numeric_limits<int64_t>::max());

private:
  TransferManager(const TransferManagerConfiguration &config);
};

} // namespace Transfer
} // namespace Aws
