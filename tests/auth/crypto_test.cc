#include <gtest/gtest.h>

#include <string>

#include "crypto/base64.h"
#include "crypto/compare.h"
#include "crypto/hex.h"
#include "crypto/random.h"
#include "crypto/sha256.h"

namespace trailkeep::crypto {
namespace {

TEST(Sha256Test, KnownAnswers) {
  EXPECT_EQ(HexEncode(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(HmacSha256Test, Rfc4231Case1) {
  std::string key(20, '\x0b');
  EXPECT_EQ(HexEncode(HmacSha256(key, "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256Test, Rfc4231Case2) {
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256Test, EmptyKeyAndData) {
  EXPECT_EQ(HexEncode(HmacSha256("", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(DigestTest, BytesView) {
  Digest d = Sha256("abc");
  std::string_view v = DigestBytes(d);
  ASSERT_EQ(v.size(), 32u);
  EXPECT_EQ(HexEncode(v), HexEncode(d));
}

TEST(RandomBytesTest, LengthAndVariety) {
  Result<std::string> a = RandomBytes(32);
  Result<std::string> b = RandomBytes(32);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->size(), 32u);
  EXPECT_NE(*a, *b);
  Result<std::string> empty = RandomBytes(0);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ConstantTimeEqualsTest, Basics) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("", "x"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(HexTest, EncodeDecode) {
  EXPECT_EQ(HexEncode(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(*HexDecode("0001abff"), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(*HexDecode("ABFF"), "\xab\xff");
  EXPECT_EQ(*HexDecode(""), "");
  EXPECT_EQ(HexDecode("abc").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(HexDecode("zz").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(HexDecode("0g").ok());
}

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> kCases[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : kCases) {
    EXPECT_EQ(Base64Encode(std::string_view(plain)), encoded);
    Result<std::string> back = Base64Decode(encoded);
    ASSERT_TRUE(back.ok()) << encoded;
    EXPECT_EQ(*back, plain);
  }
}

TEST(Base64Test, AlphabetsDiffer) {
  std::string bytes("\xfb\xff\xbf", 3);
  EXPECT_EQ(Base64Encode(bytes), "+/+/");
  EXPECT_EQ(Base64UrlEncode(bytes), "-_-_");
  EXPECT_FALSE(Base64Decode("-_-_").ok());
  EXPECT_FALSE(Base64UrlDecode("+/+/").ok());
  EXPECT_EQ(*Base64UrlDecode("-_-_"), bytes);
}

TEST(Base64Test, UrlHasNoPadding) {
  EXPECT_EQ(Base64UrlEncode(std::string_view("f")), "Zg");
  EXPECT_EQ(Base64UrlEncode(std::string_view("fo")), "Zm8");
  EXPECT_EQ(*Base64UrlDecode("Zg"), "f");
  EXPECT_EQ(*Base64UrlDecode("Zg=="), "f");  // correct padding tolerated
  EXPECT_EQ(*Base64Decode("Zm8"), "fo");     // missing padding tolerated
}

TEST(Base64Test, RoundTripsAllLengths) {
  std::string data;
  for (int i = 0; i < 300; ++i) {
    data.push_back(static_cast<char>(i * 37 + 11));
    std::string std_enc = Base64Encode(data);
    std::string url_enc = Base64UrlEncode(data);
    EXPECT_EQ(std_enc.size() % 4, 0u);
    EXPECT_EQ(url_enc.find('='), std::string::npos);
    ASSERT_EQ(*Base64Decode(std_enc), data);
    ASSERT_EQ(*Base64UrlDecode(url_enc), data);
  }
}

TEST(Base64Test, SpanOverloads) {
  const uint8_t bytes[] = {0x66, 0x6f, 0x6f};
  EXPECT_EQ(Base64Encode(std::span<const uint8_t>(bytes)), "Zm9v");
  EXPECT_EQ(Base64UrlEncode(std::span<const uint8_t>(bytes)), "Zm9v");
  EXPECT_EQ(HexEncode(std::span<const uint8_t>(bytes)), "666f6f");
}

TEST(Base64Test, RejectsMalformed) {
  for (const char* bad : {"Z", "Zg=", "Zg===", "=Zg=", "Z===", "Zm9v=", "Zm 9v", "Zm9v\n",
                          "Zh==", "Zm9=", "Zg==Zg==", "Zm*v"}) {
    Result<std::string> r = Base64Decode(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace trailkeep::crypto
