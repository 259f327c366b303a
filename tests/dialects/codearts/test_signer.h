// A client-side SDK-HMAC-SHA256 signer for tests, written from Huawei's
// published algorithm independently of the server's
// api/dialects/codearts/sdk_signature.cc (it shares only crypto/).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "crypto/hex.h"
#include "crypto/sha256.h"

namespace trailkeep::testing {

// Percent-encoding of the signer: everything but A-Z a-z 0-9 - _ . ~.
inline std::string SignerEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// "yyyyMMddTHHmmssZ" for a Unix time in seconds.
inline std::string SdkDate(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

struct SignedRequestParts {
  std::string method = "GET";
  std::string path;  // not escaped, e.g. "/cloudartifact/v5/.../audit"
  std::multimap<std::string, std::string> query;  // not escaped
  std::map<std::string, std::string> headers;     // lower-case name -> value; all signed
  std::string body;
};

// The canonical request, as the Huawei SDK builds it.
inline std::string TestCanonicalRequest(const SignedRequestParts& r) {
  std::string uri;
  size_t start = 0;
  while (true) {
    size_t slash = r.path.find('/', start);
    uri += SignerEscape(r.path.substr(start, slash == std::string::npos ? std::string::npos
                                                                        : slash - start));
    if (slash == std::string::npos) break;
    uri += '/';
    start = slash + 1;
  }
  if (uri.empty() || uri.back() != '/') uri += '/';

  std::vector<std::pair<std::string, std::string>> q(r.query.begin(), r.query.end());
  std::sort(q.begin(), q.end());
  std::string query;
  for (const auto& [k, v] : q) {
    query += (query.empty() ? "" : "&") + SignerEscape(k) + "=" + SignerEscape(v);
  }

  std::string headers, names;
  for (const auto& [k, v] : r.headers) {  // std::map: already sorted
    headers += k + ":" + v + "\n";
    names += (names.empty() ? "" : ";") + k;
  }
  return r.method + "\n" + uri + "\n" + query + "\n" + headers + "\n" + names + "\n" +
         crypto::HexEncode(crypto::Sha256(r.body));
}

// The Authorization header value for `r` signed with (ak, sk) at `date`
// (which must also be r.headers["x-sdk-date"]).
inline std::string TestAuthorization(const SignedRequestParts& r, const std::string& ak,
                                     const std::string& sk, const std::string& date) {
  std::string string_to_sign = "SDK-HMAC-SHA256\n" + date + "\n" +
                               crypto::HexEncode(crypto::Sha256(TestCanonicalRequest(r)));
  std::string names;
  for (const auto& [k, v] : r.headers) names += (names.empty() ? "" : ";") + k;
  return "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + names +
         ", Signature=" + crypto::HexEncode(crypto::HmacSha256(sk, string_to_sign));
}

}  // namespace trailkeep::testing
