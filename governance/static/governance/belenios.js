/* CivNet's Belenios 2.0 booth and trustee tools: the browser side of governance/belenios.py.
 *
 * Plain JavaScript, no build step, no dependency, no network: BigInt arithmetic, crypto.getRandomValues
 * for randomness, SHA-256, HMAC, PBKDF2 and AES written out below (WebCrypto is asynchronous and only in
 * secure contexts). Every function names the section of the Belenios 2.0 specification it implements;
 * the formats are byte for byte those of belenios-tool and of governance/belenios.py (tests check it).
 *
 * Exposed as window.CivNetBelenios:
 *   checkCredential(c), publicCredential(electionRaw, c), approval(electionRaw, index, selected, blank),
 *   createBallot(electionRaw, credential, plaintext) -> raw ballot, ballotTracker(raw) -> tracker,
 *   thresholdCertificate(group) -> {seed, cert}, thresholdPolynomial(group, certs, seed, threshold),
 *   thresholdVoutput(group, certs, seed, vinput), thresholdDecryptionKey(group, seed, privateKey),
 *   partialDecryption(electionRaw, tally, x), generateCredential(), sha256B64(text).
 */
(function () {
  "use strict";

  var B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  /* ---------------------------------------------------------------- SHA-256, HMAC, PBKDF2 (FIPS 180-4, RFC 2104, RFC 2898) */

  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);

  function sha256(bytes) {
    var h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    var len = bytes.length;
    var total = ((len + 9 + 63) >> 6) << 6;
    var m = new Uint8Array(total);
    m.set(bytes);
    m[len] = 0x80;
    var bits = len * 8;
    for (var i = 0; i < 4; i++) m[total - 1 - i] = (bits / Math.pow(2, 8 * i)) & 0xff;
    var w = new Uint32Array(64);
    for (var off = 0; off < total; off += 64) {
      for (i = 0; i < 16; i++) {
        w[i] = (m[off + 4 * i] << 24) | (m[off + 4 * i + 1] << 16) | (m[off + 4 * i + 2] << 8) | m[off + 4 * i + 3];
      }
      for (i = 16; i < 64; i++) {
        var x = w[i - 15], y = w[i - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    var out = new Uint8Array(32);
    for (i = 0; i < 8; i++) {
      out[4 * i] = h[i] >>> 24; out[4 * i + 1] = (h[i] >>> 16) & 0xff;
      out[4 * i + 2] = (h[i] >>> 8) & 0xff; out[4 * i + 3] = h[i] & 0xff;
    }
    return out;
  }

  function utf8(text) { return new TextEncoder().encode(text); }
  function hex(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return s;
  }
  function unhex(s) {
    if (!/^([0-9a-f]{2})*$/.test(s)) throw refused("malformed", "not hexadecimal");
    var out = new Uint8Array(s.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
    return out;
  }
  function sha256Hex(text) { return hex(sha256(utf8(text))); }
  /* H_JSON (§4.15): Base64 of SHA-256 without padding. */
  function sha256B64(text) {
    var d = sha256(utf8(text)), s = "";
    for (var i = 0; i < d.length; i++) s += String.fromCharCode(d[i]);
    return btoa(s).replace(/=+$/, "");
  }

  function hmacSha256(key, message) {
    if (key.length > 64) key = sha256(key);
    var ipad = new Uint8Array(64 + message.length), opad = new Uint8Array(64 + 32);
    for (var i = 0; i < 64; i++) {
      ipad[i] = (key[i] || 0) ^ 0x36;
      opad[i] = (key[i] || 0) ^ 0x5c;
    }
    ipad.set(message, 64);
    opad.set(sha256(ipad), 64);
    return sha256(opad);
  }

  /* PBKDF2-HMAC-SHA256, one 32-byte block (§4.8 Credentials). */
  function pbkdf2(password, salt, iterations) {
    var s = new Uint8Array(salt.length + 4);
    s.set(salt);
    s[salt.length + 3] = 1;
    var u = hmacSha256(password, s), result = u.slice();
    for (var i = 1; i < iterations; i++) {
      u = hmacSha256(password, u);
      for (var j = 0; j < 32; j++) result[j] ^= u[j];
    }
    return result;
  }

  /* ---------------------------------------------------------------- serialisation (§4.1, §4.2) */

  function refused(reason, message) {
    var e = new Error(reason + ": " + message);
    e.reason = reason;
    return e;
  }

  /* Compact JSON as belenios-tool writes it: JSON.stringify, with DEL escaped as Yojson does. */
  function dumps(obj) { return JSON.stringify(obj).replace(/\u007f/g, "\\u007f"); }

  function parseNumber(value, what) {
    if (typeof value !== "string" || !/^(0|[1-9][0-9]*)$/.test(value)) {
      throw refused("malformed", what + " is not a number written in base 10");
    }
    return BigInt(value);
  }

  function bytesToBig(bytes) { return bytes.length ? BigInt("0x" + hex(bytes)) : 0n; }

  /* ---------------------------------------------------------------- groups (§5) */

  var GROUP_PARAMS = {
    "BELENIOS-2048": {
      p: "20694785691422546401013643657505008064922989295751104097100884787057374219242717401922237254497684338129066633138078958404960054389636289796393038773905722803605973749427671376777618898589872735865049081167099310535867780980030790491654063777173764198678527273474476341835600035698305193144284561701911000786737307333564123971732897913240474578834468260652327974647951137672658693582180046317922073668860052627186363386088796882120769432366149491002923444346373222145884100586421050242120365433561201320481118852408731077014151666200162313177169372189248078507711827842317498073276598828825169183103125680162072880719",
      q: "78571733251071885079927659812671450121821421258408794611510081919805623223441",
      g: "2402352677501852209227687703532399932712287657378364916510075318787663274146353219320285676155269678799694668298749389095083896573425601900601068477164491735474137283104610458681314511781646755400527402889846139864532661215055797097162016168270312886432456663834863635782106154918419982534315189740658186868651151358576410138882215396016043228843603930989333662772848406593138406010231675095763777982665103606822406635076697764025346253773085133173495194248967754052573659049492477631475991575198775177711481490920456600205478127054728238140972518639858334115700568353695553423781475582491896050296680037745308460627"
    },
    "RFC-3526-2048": {
      p: "32317006071311007300338913926423828248817941241140239112842009751400741706634354222619689417363569347117901737909704191754605873209195028853758986185622153212175412514901774520270235796078236248884246189477587641105928646099411723245426622522193230540919037680524235519125679715870117001058055877651038861847280257976054903569732561526167081339361799541336476559160368317896729073178384589680639671900977202194168647225871031411336429319536193471636533209717077448227988588565369208645296636077250268955505928362751121174096972998068410554359584866583291642136218231078990999448652468262416972035911852507045361090559",
      q: "16158503035655503650169456963211914124408970620570119556421004875700370853317177111309844708681784673558950868954852095877302936604597514426879493092811076606087706257450887260135117898039118124442123094738793820552964323049705861622713311261096615270459518840262117759562839857935058500529027938825519430923640128988027451784866280763083540669680899770668238279580184158948364536589192294840319835950488601097084323612935515705668214659768096735818266604858538724113994294282684604322648318038625134477752964181375560587048486499034205277179792433291645821068109115539495499724326234131208486017955926253522680545279",
      g: "2"
    }
  };
  var groups = {};

  function modpow(base, exp, p) {
    /* 4-bit fixed window exponentiation */
    if (exp === 0n) return 1n;
    base %= p;
    var table = [1n, base];
    for (var i = 2; i < 16; i++) table.push(table[i - 1] * base % p);
    var digits = exp.toString(16), r = 1n;
    for (i = 0; i < digits.length; i++) {
      if (i) { r = r * r % p; r = r * r % p; r = r * r % p; r = r * r % p; }
      var d = parseInt(digits[i], 16);
      if (d) r = r * table[d] % p;
    }
    return r;
  }

  function Group(name) {
    var params = GROUP_PARAMS[name];
    if (!params) throw refused("unknown_group", "unknown group " + name);
    this.name = name;
    this.p = BigInt(params.p);
    this.q = BigInt(params.q);
    this.g = BigInt(params.g);
    this.qbits = this.q.toString(2).length;
    this.tables = new Map();
    this.fixBase(this.g);
  }
  Group.prototype.mod = function (x) { x %= this.q; return x < 0n ? x + this.q : x; };
  Group.prototype.fixBase = function (base) {
    /* comb table base^(j * 256^i): a fixed-base exponentiation costs qbits/8 products */
    if (this.tables.has(base) || this.qbits > 512) return;
    var p = this.p, rows = [], start = base;
    for (var i = 0; i < Math.ceil(this.qbits / 8); i++) {
      var row = [1n, start];
      for (var j = 2; j < 256; j++) row.push(row[j - 1] * start % p);
      rows.push(row);
      start = row[255] * start % p;
    }
    this.tables.set(base, rows);
  };
  Group.prototype.pow = function (base, exp) {
    var rows = this.tables.get(base);
    if (!rows || exp < 0n || exp >= this.q) return modpow(base, exp, this.p);
    var p = this.p, r = 1n, w = 0;
    while (exp > 0n) {
      var d = Number(exp & 255n);
      if (d) r = r * rows[w][d] % p;
      exp >>= 8n;
      w++;
    }
    return r;
  };
  Group.prototype.inverse = function (x) { return modpow(x, this.p - 2n, this.p); };
  Group.prototype.random = function () {
    /* as the tool: qbits/8 + 17 random bytes, reduced modulo q */
    var bytes = new Uint8Array(Math.floor(this.qbits / 8) + 17);
    crypto.getRandomValues(bytes);
    return bytesToBig(bytes) % this.q;
  };
  /* Fiat-Shamir challenge: SHA256(prefix || e1,e2,...) mod q (§4.5, §4.12). */
  Group.prototype.hash = function (prefix, elements) {
    return BigInt("0x" + sha256Hex(prefix + elements.map(String).join(","))) % this.q;
  };
  /* Subgroup membership, with CivNet's additional check (see belenios.py): 1 < x < p and x^q = 1. */
  Group.prototype.element = function (value, what, identity) {
    var x = parseNumber(value, what);
    if (x === 1n && identity) return x;
    if (!(x > 1n && x < this.p && modpow(x, this.q, this.p) === 1n)) {
      throw refused("not_in_group", what + " is not an element of the group " + this.name);
    }
    return x;
  };
  Group.prototype.scalar = function (value, what) {
    var x = parseNumber(value, what);
    if (x >= this.q) throw refused("out_of_range", what + " is not smaller than q");
    return x;
  };

  function getGroup(name) {
    if (!groups[name]) groups[name] = new Group(name);
    return groups[name];
  }

  /* ---------------------------------------------------------------- credentials (§4.8) */

  function randomBelow(n) {
    var buf = new Uint32Array(1), limit = Math.floor(4294967296 / n) * n;
    do { crypto.getRandomValues(buf); } while (buf[0] >= limit);
    return buf[0] % n;
  }

  function generateToken(length) {
    var s = "";
    for (var i = 0; i < length; i++) s += B58[randomBelow(58)];
    return s;
  }

  function generateCredential() {
    var digits = [], value = 0n;
    for (var i = 0; i < 14; i++) {
      digits.push(randomBelow(58));
      value = value * 58n + BigInt(digits[i]);
    }
    var raw = digits.map(function (d) { return B58[d]; }).join("") + B58[53 - Number(value % 53n)];
    return [0, 3, 6, 9, 12].map(function (i) { return raw.substr(i, 3); }).join("-");
  }

  function checkCredential(c) {
    if (typeof c !== "string") return false;
    if (c.length === 19) {
      if (c[3] !== "-" || c[7] !== "-" || c[11] !== "-" || c[15] !== "-") return false;
      c = c.replace(/-/g, "");
    }
    if (c.length !== 15) return false;
    var value = 0n;
    for (var i = 0; i < 15; i++) {
      var d = B58.indexOf(c[i]);
      if (d < 0) return false;
      if (i < 14) value = value * 58n + BigInt(d);
      else return (value + BigInt(d)) % 53n === 0n;
    }
    return false;
  }

  function credentialSecret(group, uuid, credential) {
    return bytesToBig(pbkdf2(utf8(credential), utf8(uuid), 1000)) % group.q;
  }

  /* ---------------------------------------------------------------- elections (§4.10) */

  var elections = new Map();

  function parseElection(raw) {
    if (elections.has(raw)) return elections.get(raw);
    var data = JSON.parse(raw);
    if (data.version !== 1) throw refused("malformed", "not a Belenios version 1 election");
    var group = getGroup(data.group);
    var election = {
      raw: raw, data: data, group: group, uuid: data.uuid, questions: data.questions,
      y: group.element(data.public_key, "election public key"), fingerprint: sha256B64(raw)
    };
    group.fixBase(election.y);
    elections.set(raw, election);
    return election;
  }

  function publicCredential(electionRaw, credential) {
    var e = parseElection(electionRaw);
    return e.group.pow(e.group.g, credentialSecret(e.group, e.uuid, credential)).toString();
  }

  /* The plaintext of "choose up to k" (§4.11): 1 per selected answer, a leading blank flag if allowed. */
  function approval(electionRaw, index, selected, blank) {
    var q = parseElection(electionRaw).questions[index];
    var plain = q.answers.map(function (_, i) { return selected.indexOf(i) >= 0 && !blank ? 1 : 0; });
    if (q.blank) return [blank ? 1 : 0].concat(plain);
    if (blank) throw new Error("this question does not allow blank votes");
    return plain;
  }

  function checkPlaintext(e, plaintext) {
    if (!Array.isArray(plaintext) || plaintext.length !== e.questions.length) {
      throw new Error("one list of choices per question is needed");
    }
    e.questions.forEach(function (q, i) {
      var plain = plaintext[i], n = q.answers.length + (q.blank ? 1 : 0);
      if (!Array.isArray(plain) || plain.length !== n || plain.some(function (m) { return m !== 0 && m !== 1; })) {
        throw new Error("question " + (i + 1) + ": one 0 or 1 per answer is needed");
      }
      var chosen = plain.slice(q.blank ? 1 : 0).reduce(function (a, b) { return a + b; }, 0);
      if (q.blank && plain[0] === 1) {
        if (chosen) throw new Error("question " + (i + 1) + ": a blank vote selects nothing");
      } else if (chosen < q.min || chosen > q.max) {
        throw new Error("question " + (i + 1) + ": choose between " + q.min + " and " + q.max + " answers");
      }
    });
  }

  /* ---------------------------------------------------------------- ballots (§4.11 - §4.15) */

  function proof(c, s) { return { challenge: c.toString(), response: s.toString() }; }

  function shifts(G, low, high) {
    var inv = G.inverse(G.g), out = [];
    for (var m = low; m <= high; m++) out.push(modpow(inv, BigInt(m), G.p));
    return out;
  }

  /* iprove (§4.12): (alpha, beta) = (g^r, y^r g^M_index), shifts[j] = g^-M_j. */
  function disjProve(G, y, alpha, beta, r, index, sh, prefix) {
    var p = G.p, n = sh.length, proofs = new Array(n), comm = new Array(2 * n), total = 0n;
    for (var j = 0; j < n; j++) {
      if (j === index) continue;
      var c = G.random(), s = G.random();
      proofs[j] = [c, s];
      comm[2 * j] = G.pow(G.g, G.mod(s + r * c));
      comm[2 * j + 1] = G.pow(y, s) * modpow(beta * sh[j] % p, c, p) % p;
      total += c;
    }
    var w = G.random();
    comm[2 * index] = G.pow(G.g, w);
    comm[2 * index + 1] = G.pow(y, w);
    var ch = G.mod(G.hash("prove|" + prefix + "|" + alpha + "," + beta + "|", comm) - total);
    proofs[index] = [ch, G.mod(w - r * ch)];
    return proofs.map(function (x) { return proof(x[0], x[1]); });
  }

  /* Proofs of possibly-blank votes (§4.13): [overall_proof, blank_proof]. */
  function blankProve(G, y, prefix, qmin, qmax, m0, c0, r0, mSum, cSum, rSum) {
    var p = G.p, g = G.g, invg = G.inverse(g);
    function fake(r, beta, c, s) { return [G.pow(g, G.mod(s + r * c)), G.pow(y, s) * modpow(beta, c, p) % p]; }
    var cf = G.random(), sf = G.random(), w = G.random(), real = [G.pow(g, w), G.pow(y, w)], blankProof, cr;
    if (m0 === 0) {
      var comm0 = real.concat(fake(rSum, cSum[1], cf, sf));
      cr = G.mod(G.hash("bproof0|" + prefix + "|", comm0) - cf);
      blankProof = [proof(cr, G.mod(w - r0 * cr)), proof(cf, sf)];
    } else {
      var comm1 = fake(r0, c0[1], cf, sf).concat(real);
      cr = G.mod(G.hash("bproof0|" + prefix + "|", comm1) - cf);
      blankProof = [proof(cf, sf), proof(cr, G.mod(w - rSum * cr))];
    }
    var n = qmax - qmin + 2, trueIndex = m0 === 1 ? 0 : mSum - qmin + 1;
    var proofs = new Array(n), comm = new Array(2 * n), total = 0n;
    for (var i = 0; i < n; i++) {
      if (i === trueIndex) continue;
      var c = G.random(), s = G.random(), pair;
      proofs[i] = [c, s];
      if (i === 0) pair = fake(r0, c0[1] * invg % p, c, s);
      else pair = fake(rSum, cSum[1] * modpow(invg, BigInt(qmin + i - 1), p) % p, c, s);
      comm[2 * i] = pair[0];
      comm[2 * i + 1] = pair[1];
      total += c;
    }
    var w2 = G.random();
    comm[2 * trueIndex] = G.pow(g, w2);
    comm[2 * trueIndex + 1] = G.pow(y, w2);
    var ch = G.mod(G.hash("bproof1|" + prefix + "|", comm) - total);
    proofs[trueIndex] = [ch, G.mod(w2 - (trueIndex === 0 ? r0 : rSum) * ch)];
    return [proofs.map(function (x) { return proof(x[0], x[1]); }), blankProof];
  }

  function createAnswer(e, q, plain, s0) {
    var G = e.group, y = e.y, p = G.p;
    var rs = plain.map(function () { return G.random(); });
    var choices = plain.map(function (m, i) {
      return [G.pow(G.g, rs[i]), G.pow(y, rs[i]) * (m ? G.g : 1n) % p];
    });
    var sh01 = shifts(G, 0, 1);
    var individual = choices.map(function (c, i) { return disjProve(G, y, c[0], c[1], rs[i], plain[i], sh01, s0); });
    var prefix = s0 + "|" + choices.map(function (c) { return c[0] + "," + c[1]; }).join(",");
    var answer = {
      choices: choices.map(function (c) { return { alpha: c[0].toString(), beta: c[1].toString() }; }),
      individual_proofs: individual
    };
    var start = q.blank ? 1 : 0, alpha = 1n, beta = 1n, r = 0n, m = 0;
    for (var i = start; i < choices.length; i++) {
      alpha = alpha * choices[i][0] % p;
      beta = beta * choices[i][1] % p;
      r += rs[i];
      m += plain[i];
    }
    if (q.blank) {
      var both = blankProve(G, y, prefix, q.min, q.max, plain[0], choices[0], rs[0], m, [alpha, beta], G.mod(r));
      answer.overall_proof = both[0];
      answer.blank_proof = both[1];
    } else {
      answer.overall_proof = disjProve(G, y, alpha, beta, G.mod(r), m - q.min, shifts(G, q.min, q.max), prefix);
    }
    return answer;
  }

  /* A ballot {election_uuid, election_hash, credential, answers, signature} (§4.15, §4.14). */
  function createBallot(electionRaw, credential, plaintext) {
    var e = parseElection(electionRaw), G = e.group;
    checkPlaintext(e, plaintext);
    if (!checkCredential(credential)) throw new Error("the private credential is mistyped (its checksum does not match)");
    var s = credentialSecret(G, e.uuid, credential), pub = G.pow(G.g, s);
    var s0 = e.fingerprint + "|" + pub;
    var ballot = {
      election_uuid: e.uuid,
      election_hash: e.fingerprint,
      credential: pub.toString(),
      answers: e.questions.map(function (q, i) { return createAnswer(e, q, plaintext[i], s0); })
    };
    var hash = sha256B64(dumps(ballot)), w = G.random();
    var c = G.hash("sig|" + hash + "|", [G.pow(G.g, w)]);
    ballot.signature = { hash: hash, proof: proof(c, G.mod(w - s * c)) };
    return dumps(ballot);
  }

  /* The smart ballot tracker (§4.15). */
  function ballotTracker(raw) { return sha256B64(raw); }

  /* ---------------------------------------------------------------- trustees (§4.5, §4.6) */

  var SBOX = null, XTIME = null;
  function aesTables() {
    SBOX = new Uint8Array(256);
    XTIME = new Uint8Array(256);
    var p = 1, q = 1;
    for (var a = 0; a < 256; a++) XTIME[a] = a & 0x80 ? ((a << 1) ^ 0x11b) & 0xff : a << 1;
    do { /* p runs over the multiplicative group by 3, q over its inverse by 1/3 (FIPS-197 §5.1.1) */
      p = p ^ XTIME[p];
      q ^= q << 1; q ^= q << 2; q ^= q << 4; q &= 0xff;
      if (q & 0x80) q ^= 0x09;
      var x = q ^ ((q << 1) | (q >> 7)) ^ ((q << 2) | (q >> 6)) ^ ((q << 3) | (q >> 5)) ^ ((q << 4) | (q >> 4));
      SBOX[p] = (x ^ 0x63) & 0xff;
    } while (p !== 1);
    SBOX[0] = 0x63;
  }
  function aesExpand(key) {
    if (!SBOX) aesTables();
    var w = [], rcon = 1;
    for (var i = 0; i < 8; i++) w.push([key[4 * i], key[4 * i + 1], key[4 * i + 2], key[4 * i + 3]]);
    for (i = 8; i < 60; i++) {
      var t = w[i - 1].slice();
      if (i % 8 === 0) {
        t = [SBOX[t[1]] ^ rcon, SBOX[t[2]], SBOX[t[3]], SBOX[t[0]]];
        rcon = XTIME[rcon];
      } else if (i % 8 === 4) {
        t = t.map(function (b) { return SBOX[b]; });
      }
      w.push([w[i - 8][0] ^ t[0], w[i - 8][1] ^ t[1], w[i - 8][2] ^ t[2], w[i - 8][3] ^ t[3]]);
    }
    var keys = [];
    for (var r = 0; r < 15; r++) keys.push([].concat(w[4 * r], w[4 * r + 1], w[4 * r + 2], w[4 * r + 3]));
    return keys;
  }
  function aesBlock(keys, block) {
    var s = new Array(16), i;
    for (i = 0; i < 16; i++) s[i] = block[i] ^ keys[0][i];
    for (var r = 1; r < 15; r++) {
      var t = new Array(16);
      for (i = 0; i < 16; i++) t[i] = SBOX[s[(i + 4 * (i % 4)) % 16]];
      if (r !== 14) {
        for (var c = 0; c < 4; c++) {
          var a0 = t[4 * c], a1 = t[4 * c + 1], a2 = t[4 * c + 2], a3 = t[4 * c + 3], x = a0 ^ a1 ^ a2 ^ a3;
          t[4 * c] = a0 ^ x ^ XTIME[a0 ^ a1];
          t[4 * c + 1] = a1 ^ x ^ XTIME[a1 ^ a2];
          t[4 * c + 2] = a2 ^ x ^ XTIME[a2 ^ a3];
          t[4 * c + 3] = a3 ^ x ^ XTIME[a3 ^ a0];
        }
      }
      for (i = 0; i < 16; i++) s[i] = t[i] ^ keys[r][i];
    }
    return s;
  }
  /* AES-CCM as Belenios (SJCL): 64-bit tag, no associated data (§4.6.1 Encrypting). */
  function ccm(keys, iv, data, tag) {
    var ll = 2;
    while (ll < 4 && Math.floor(data.length / Math.pow(2, 8 * ll)) !== 0) ll++;
    var nonce = iv.slice(0, 15 - ll), i, j;
    function computeTag(plain) {
      var b0 = new Array(16).fill(0);
      b0[0] = (6 << 2) | (ll - 1);
      for (i = 0; i < nonce.length && i < 15; i++) b0[1 + i] = nonce[i];
      var len = plain.length;
      b0[12] |= (len >>> 24) & 0xff; b0[13] |= (len >>> 16) & 0xff; b0[14] |= (len >>> 8) & 0xff; b0[15] |= len & 0xff;
      var mac = aesBlock(keys, b0);
      for (i = 0; i < plain.length; i += 16) {
        var blk = mac.slice();
        for (j = 0; j < 16 && i + j < plain.length; j++) blk[j] ^= plain[i + j];
        mac = aesBlock(keys, blk);
      }
      return mac.slice(0, 8);
    }
    function ctr(payload, rawTag) {
      var counter = new Array(16).fill(0);
      counter[0] = ll - 1;
      for (i = 0; i < nonce.length && i < 15; i++) counter[1 + i] = nonce[i];
      var first = aesBlock(keys, counter), masked = [];
      for (i = 0; i < 8; i++) masked.push(first[i] ^ rawTag[i]);
      var out = new Uint8Array(payload.length);
      for (i = 0; i < payload.length; i += 16) {
        var n = ((counter[12] << 24) | (counter[13] << 16) | (counter[14] << 8) | counter[15]) + 1;
        counter[12] = (n >>> 24) & 0xff; counter[13] = (n >>> 16) & 0xff; counter[14] = (n >>> 8) & 0xff; counter[15] = n & 0xff;
        var ks = aesBlock(keys, counter);
        for (j = 0; j < 16 && i + j < payload.length; j++) out[i + j] = payload[i + j] ^ ks[j];
      }
      return [out, masked];
    }
    if (!tag) {
      var enc = ctr(data, computeTag(data)), result = new Uint8Array(data.length + 8);
      result.set(enc[0]);
      result.set(enc[1], data.length);
      return result;
    }
    var dec = ctr(data, tag), expected = computeTag(dec[0]);
    for (i = 0; i < 8; i++) if (expected[i] !== dec[1][i]) throw refused("bad_encryption", "the encrypted message does not authenticate");
    return dec[0];
  }

  function deriveSk(seed) { return BigInt("0x" + sha256Hex("sk|" + seed)); }
  function deriveDk(seed) { return BigInt("0x" + sha256Hex("dk|" + seed)); }

  function signMessage(G, sk, message) {
    var w = G.random(), c = G.hash("sigmsg|" + message + "|", [G.pow(G.g, w)]);
    return { message: message, signature: proof(c, G.mod(w - sk * c)) };
  }
  function verifySigned(G, vk, signed) {
    var c = G.scalar(signed.signature.challenge, "challenge"), s = G.scalar(signed.signature.response, "response");
    var a = G.pow(G.g, s) * modpow(vk, c, G.p) % G.p;
    if (G.hash("sigmsg|" + signed.message + "|", [a]) !== c) throw refused("bad_signature", "a signed message does not verify");
    return signed.message;
  }
  function encryptMessage(G, ek, plaintext) {
    var r = G.random(), s = G.random(), key = G.pow(G.g, s), alpha = G.pow(G.g, r);
    var beta = modpow(ek, r, G.p) * key % G.p;
    var keys = aesExpand(unhex(sha256Hex("key|" + key))), iv = unhex(sha256Hex("iv|" + alpha));
    return { alpha: alpha.toString(), beta: beta.toString(), data: hex(ccm(keys, iv, utf8(plaintext))) };
  }
  function decryptMessage(G, dk, m) {
    var alpha = G.element(m.alpha, "alpha"), beta = G.element(m.beta, "beta");
    var key = beta * G.inverse(modpow(alpha, dk, G.p)) % G.p;
    var keys = aesExpand(unhex(sha256Hex("key|" + key))), iv = unhex(sha256Hex("iv|" + alpha));
    var data = unhex(m.data);
    return new TextDecoder().decode(ccm(keys, iv, data.slice(0, data.length - 8), data.slice(data.length - 8)));
  }
  /* send / receive through the server (§4.6.3 Channels). */
  function channelSend(G, sk, recipient, message) {
    var channel = dumps({ recipient: recipient.toString(), message: message });
    return dumps(encryptMessage(G, recipient, dumps(signMessage(G, sk, channel))));
  }
  function channelReceive(G, dk, senderVk, sent) {
    var channel = JSON.parse(verifySigned(G, senderVk, JSON.parse(decryptMessage(G, dk, JSON.parse(sent)))));
    if (G.element(channel.recipient, "recipient") !== G.pow(G.g, dk)) {
      throw refused("wrong_recipient", "a channel message was meant for another trustee");
    }
    return channel.message;
  }
  function certKeys(G, cert) {
    var keys = JSON.parse(cert.message);
    var vk = G.element(keys.verification, "verification key"), ek = G.element(keys.encryption, "encryption key");
    verifySigned(G, vk, cert);
    return [vk, ek];
  }
  function myIndex(G, certs, seed) {
    var vk = G.pow(G.g, deriveSk(seed)), ek = G.pow(G.g, deriveDk(seed));
    for (var i = 0; i < certs.length; i++) {
      var k = certKeys(G, certs[i]);
      if (k[0] === vk && k[1] === ek) return i;
    }
    throw refused("unknown_trustee", "this key's certificate is not among the certificates");
  }
  function makeTrusteePublicKey(G, x) {
    var X = G.pow(G.g, x), w = G.random();
    var c = G.hash("pok|" + G.name + "|" + X + "|", [G.pow(G.g, w)]);
    return { pok: proof(c, G.mod(w - x * c)), public_key: X.toString() };
  }

  /* Step 1 (§4.6.2): a 22-character seed (kept by the member) and the certificate (published). */
  function thresholdCertificate(groupName) {
    var G = getGroup(groupName), seed = generateToken(22);
    var message = dumps({ verification: G.pow(G.g, deriveSk(seed)).toString(), encryption: G.pow(G.g, deriveDk(seed)).toString() });
    return { seed: seed, cert: signMessage(G, deriveSk(seed), message) };
  }

  /* Step 3 (§4.6.4): the polynomial structure. */
  function thresholdPolynomial(groupName, certs, seed, threshold) {
    var G = getGroup(groupName);
    certs.forEach(function (c) { certKeys(G, c); });
    if (threshold < 1 || threshold > certs.length) throw refused("bad_threshold", "bad threshold");
    myIndex(G, certs, seed);
    var sk = deriveSk(seed), ek = G.pow(G.g, deriveDk(seed)), coefs = [];
    for (var k = 0; k < threshold; k++) coefs.push(G.random());
    var polynomial = channelSend(G, sk, ek, dumps({ polynomial: coefs.map(String) }));
    var secretsOut = certs.map(function (cert, j) {
      var x = BigInt(j + 1), v = 0n, xp = 1n;
      coefs.forEach(function (a) { v = (v + a * xp) % G.q; xp = xp * x % G.q; });
      return channelSend(G, sk, certKeys(G, cert)[1], dumps({ secret: v.toString() }));
    });
    var coefexps = dumps({ coefexps: coefs.map(function (a) { return G.pow(G.g, a).toString(); }) });
    return { polynomial: polynomial, secrets: secretsOut, coefexps: signMessage(G, sk, coefexps) };
  }

  /* Step 5 (§4.6.5, §4.6.6): check the secrets received, publish the voutput. */
  function thresholdVoutput(groupName, certs, seed, vinput) {
    var G = getGroup(groupName), p = G.p, j = BigInt(myIndex(G, certs, seed) + 1);
    var sk = deriveSk(seed), dk = deriveDk(seed), total = 0n;
    var own = JSON.parse(channelReceive(G, dk, G.pow(G.g, sk), vinput.polynomial)).polynomial;
    certs.forEach(function (cert, i) {
      var vk = certKeys(G, cert)[0];
      var coefexps = JSON.parse(verifySigned(G, vk, vinput.coefexps[i])).coefexps.map(function (v) { return G.element(v, "coefexp"); });
      if (coefexps.length !== own.length) throw refused("malformed", "polynomials of different degrees");
      var secret = G.scalar(JSON.parse(channelReceive(G, dk, vk, vinput.secrets[i])).secret, "secret");
      var expected = 1n, jk = 1n;
      coefexps.forEach(function (a) { expected = expected * modpow(a, jk, p) % p; jk *= j; });
      if (G.pow(G.g, secret) !== expected) throw refused("bad_secret", "secret " + (i + 1) + " does not validate");
      total += secret;
    });
    total = G.mod(total);
    return {
      private_key: channelSend(G, sk, G.pow(G.g, dk), dumps({ decryption_key: total.toString() })),
      public_key: makeTrusteePublicKey(G, total)
    };
  }

  /* The member's decryption key S_j from its seed and voutput private_key (§4.6.6). */
  function thresholdDecryptionKey(groupName, seed, privateKey) {
    var G = getGroup(groupName);
    var m = JSON.parse(channelReceive(G, deriveDk(seed), G.pow(G.g, deriveSk(seed)), privateKey));
    return (parseNumber(m.decryption_key, "decryption key") % G.q).toString();
  }

  /* A partial decryption with proofs (§4.18); x is the member's key as a decimal string. */
  function partialDecryption(electionRaw, tally, x) {
    var e = parseElection(electionRaw), G = e.group, key = BigInt(x), X = G.pow(G.g, key);
    var factors = [], proofs = [];
    tally.forEach(function (row) {
      var f = [], pr = [];
      row.forEach(function (c) {
        var alpha = G.element(c.alpha, "tally alpha", true), w = G.random();
        var ch = G.hash("decrypt|" + e.fingerprint + "|" + X + "|", [G.pow(G.g, w), modpow(alpha, w, G.p)]);
        f.push(modpow(alpha, key, G.p).toString());
        pr.push(proof(ch, G.mod(w - key * ch)));
      });
      factors.push(f);
      proofs.push(pr);
    });
    return { decryption_factors: factors, decryption_proofs: proofs };
  }

  window.CivNetBelenios = {
    sha256B64: sha256B64,
    generateCredential: generateCredential,
    checkCredential: checkCredential,
    publicCredential: publicCredential,
    approval: approval,
    createBallot: createBallot,
    ballotTracker: ballotTracker,
    thresholdCertificate: thresholdCertificate,
    thresholdPolynomial: thresholdPolynomial,
    thresholdVoutput: thresholdVoutput,
    thresholdDecryptionKey: thresholdDecryptionKey,
    partialDecryption: partialDecryption
  };
})();
