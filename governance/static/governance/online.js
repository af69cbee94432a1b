/* CivNet's online ballots in the browser: the booth, the committee's key steps and partial decryption, the
 * credential authority's credentials and slips. The cryptography is window.CivNetBelenios (belenios.js); this
 * file only wires it to the pages. Every sentence it shows comes from the page (the JSON element
 * "online-strings", translated by Django): there is no English here.
 *
 * A committee member's secret (the 22-character seed of belenios-tool's .key file) never leaves the browser:
 * it is downloaded as a key file encrypted with a passphrase the member chooses (Web Crypto: PBKDF2-SHA-256,
 * 310 000 iterations, then AES-256-GCM with the election's uuid as additional data), and read back from that
 * file at each later step. No worker, no WebAssembly, no request other than the forms' own POST. */
(function () {
  "use strict";

  var B = window.CivNetBelenios;

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var S = data("online-strings") || {};

  function fmt(text, values) {
    return String(text).replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  /* Run a long computation after the page has shown "working". */
  function later(fn) {
    return new Promise(function (resolve, reject) {
      setTimeout(function () {
        try { resolve(fn()); } catch (e) { reject(e); }
      }, 40);
    });
  }
  function say(el, text, isError) {
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("error", !!isError);
  }
  function errorText(e) {
    return fmt(S.error, { error: (e && (e.message || e.reason)) || String(e) });
  }

  /* ---------------------------------------------------------------- key files (Web Crypto) */

  var ITERATIONS = 310000;
  function b64(bytes) {
    var s = "";
    bytes = new Uint8Array(bytes);
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s);
  }
  function unb64(text) {
    var s = atob(text), out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  function aesKey(passphrase, salt, iterations) {
    var enc = new TextEncoder();
    return crypto.subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"]).then(function (base) {
      return crypto.subtle.deriveKey(
        { name: "PBKDF2", salt: salt, iterations: iterations, hash: "SHA-256" },
        base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    });
  }
  function seal(seed, passphrase, uuid, index) {
    var salt = crypto.getRandomValues(new Uint8Array(16)), iv = crypto.getRandomValues(new Uint8Array(12));
    var enc = new TextEncoder();
    return aesKey(passphrase, salt, ITERATIONS).then(function (key) {
      return crypto.subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: enc.encode(uuid) }, key,
        enc.encode(JSON.stringify({ seed: seed })));
    }).then(function (ciphertext) {
      return JSON.stringify({
        format: "civnet-belenios-trustee-key", version: 1, election: uuid, trustee: index,
        kdf: { name: "PBKDF2", hash: "SHA-256", iterations: ITERATIONS, salt: b64(salt) },
        cipher: { name: "AES-GCM", iv: b64(iv) }, ciphertext: b64(ciphertext)
      }, null, 1);
    });
  }
  function unseal(text, passphrase, uuid) {
    var file;
    try { file = JSON.parse(text); } catch (e) { return Promise.reject(new Error(S.key_wrong)); }
    if (!file || file.format !== "civnet-belenios-trustee-key" || file.election !== uuid) {
      return Promise.reject(new Error(S.key_wrong));
    }
    return aesKey(passphrase, unb64(file.kdf.salt), file.kdf.iterations).then(function (key) {
      return crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(file.cipher.iv), additionalData: new TextEncoder().encode(uuid) },
        key, unb64(file.ciphertext));
    }).then(function (plain) {
      return JSON.parse(new TextDecoder().decode(plain)).seed;
    }, function () { throw new Error(S.key_wrong); });
  }
  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function readKeyFile(box) {
    var input = box.querySelector("[data-keyfile]"), pass = box.querySelector("[data-passphrase]").value;
    if (!input.files.length || !pass) return Promise.reject(new Error(S.key_missing));
    return input.files[0].text();
  }

  /* ---------------------------------------------------------------- the committee's steps */

  var T = data("trustee-data");
  document.querySelectorAll("[data-online-step]").forEach(function (box) {
    var step = box.dataset.onlineStep, button = box.querySelector("[data-online-action]");
    var form = box.querySelector("[data-online-form]"), status = box.querySelector("[data-online-status]");
    if (!button || !form || !B) return;
    if (!window.crypto || !crypto.subtle) { say(status, S.no_webcrypto, true); return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var work;
      if (step === "certificate") {
        var pass = box.querySelector("[data-passphrase]").value, again = box.querySelector("[data-passphrase-again]").value;
        if (pass.length < 10) return say(status, S.passphrase_short, true);
        if (pass !== again) return say(status, S.passphrase_mismatch, true);
        say(status, S.working);
        var made;
        work = later(function () { return B.thresholdCertificate(T.group); }).then(function (m) {
          made = m;
          return seal(m.seed, pass, T.uuid, T.index);
        }).then(function (file) {
          download("civnet-key-" + T.uuid + "-" + T.index + ".json", file);
          return { message: JSON.stringify(made.cert), note: S.key_saved + " " + S.ready };
        });
      } else {
        var pass2 = box.querySelector("[data-passphrase]").value;
        work = readKeyFile(box).then(function (text) {
          say(status, S.working);
          return unseal(text, pass2, T.uuid);
        }).then(function (seed) {
          return later(function () {
            var out;
            if (step === "polynomial") out = B.thresholdPolynomial(T.group, T.certs, seed, T.threshold);
            else if (step === "voutput") out = B.thresholdVoutput(T.group, T.certs, seed, T.vinput);
            else out = B.partialDecryption(T.election, T.tally, B.thresholdDecryptionKey(T.group, seed, T.private_key));
            return { message: JSON.stringify(out), note: S.ready };
          });
        });
      }
      button.disabled = true;
      work.then(function (done) {
        form.querySelector("[data-online-message]").value = done.message;
        form.querySelector("[data-online-send]").hidden = false;
        say(status, done.note);
      }, function (e) {
        say(status, errorText(e), true);
      }).then(function () { button.disabled = false; });
    });
  });

  /* ---------------------------------------------------------------- the credential authority */

  var organisations = document.querySelector("[data-credential-organisations]");
  if (organisations && B) {
    var C = data("credential-data"), card = organisations.nextElementSibling;
    var make = card.querySelector('[data-online-action="credentials"]'), print = card.querySelector('[data-online-action="print"]');
    var slips = document.querySelector("[data-slips]"), cstatus = card.querySelector("[data-online-status]");
    make.hidden = false;
    make.addEventListener("click", function () {
      say(cstatus, S.working);
      make.disabled = true;
      later(function () {
        var publics = {};
        slips.textContent = "";
        organisations.querySelectorAll("li[data-slug]").forEach(function (li) {
          var credential = B.generateCredential();
          publics[li.dataset.slug] = B.publicCredential(C.election, credential);
          var slip = document.createElement("section");
          slip.className = "slip card";
          [["h2", S.slip_title], ["p", slips.dataset.election], ["p", S.slip_organisation + ": ", li.dataset.name],
           ["p", S.slip_credential + ": ", credential, "code"], ["p", S.slip_where + ": ", slips.dataset.booth, "code"],
           ["p", S.slip_keep]].forEach(function (row) {
            var el = document.createElement(row[0]);
            el.textContent = row[1];
            if (row.length > 2) {
              var value = document.createElement(row[3] || "bdi");
              value.textContent = row[2];
              if (row[3]) value.dir = "ltr";
              el.appendChild(value);
            }
            slip.appendChild(el);
          });
          slips.appendChild(slip);
        });
        return publics;
      }).then(function (publics) {
        card.querySelector("input[name=credentials]").value = JSON.stringify(publics);
        made = true;
        print.hidden = false;
        say(cstatus, fmt(S.credentials_made, { n: Object.keys(publics).length }));
      }, function (e) { say(cstatus, errorText(e), true); make.disabled = false; });
    });
    // The public credentials are sent only once the slips went to the printer: a private credential lives on this
    // page alone, and one never printed would leave its organisation unable to vote online.
    var made = false, sending = false, send = card.querySelector("[data-online-send]");
    function printed() { if (made) send.hidden = false; }
    print.addEventListener("click", function () { window.print(); printed(); });
    window.addEventListener("afterprint", printed);
    card.querySelector("[data-online-form]").addEventListener("submit", function () { sending = true; });
    window.addEventListener("beforeunload", function (event) {
      if (made && !sending) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  /* ---------------------------------------------------------------- the booth */

  var booth = document.getElementById("booth");
  if (booth && B) {
    var D = data("booth-data");
    var nojs = document.querySelector("[data-booth-nojs]");
    if (nojs) nojs.hidden = true;
    booth.hidden = false;
    var bstatus = booth.querySelector("[data-booth-status]"), blank = booth.querySelector("[data-booth-blank]");
    var choices = booth.querySelectorAll("[data-booth-choice]");
    if (blank) {
      blank.addEventListener("change", function () {
        if (blank.checked) choices.forEach(function (c) { c.checked = false; });
      });
      choices.forEach(function (c) { c.addEventListener("change", function () { if (c.checked) blank.checked = false; }); });
    }
    booth.addEventListener("submit", function (event) {
      if (booth.dataset.ready) return;
      event.preventDefault();
      var credential = booth.querySelector("[data-booth-credential]").value.trim();
      var organisation = booth.querySelector("[data-booth-organisation]").value;
      var chosen = [];
      choices.forEach(function (c) { if (c.checked) chosen.push(Number(c.value)); });
      var isBlank = !!(blank && blank.checked);
      if (!B.checkCredential(credential)) return say(bstatus, S.credential_bad, true);
      if (!isBlank && !chosen.length) return say(bstatus, S.none, true);
      if (chosen.length > D.max) return say(bstatus, fmt(S.too_many, { k: D.max }), true);
      say(bstatus, S.encrypting);
      later(function () {
        if (B.publicCredential(D.election, credential) !== D.credentials[organisation]) throw new Error(S.credential_other);
        return B.createBallot(D.election, credential, [B.approval(D.election, 0, chosen, isBlank)]);
      }).then(function (ballot) {
        booth.querySelector("input[name=ballot]").value = ballot;
        try { sessionStorage.setItem("civnet-tracker", B.ballotTracker(ballot)); } catch (e) { /* private mode */ }
        booth.dataset.ready = "1";
        booth.submit();
      }, function (e) {
        say(bstatus, e.message === S.credential_other ? S.credential_other : errorText(e), true);
      });
    });
  }

  /* ---------------------------------------------------------------- after voting: the tracker */

  var tracker = document.querySelector("[data-tracker]");
  if (tracker) {
    var local = null;
    try { local = sessionStorage.getItem("civnet-tracker"); sessionStorage.removeItem("civnet-tracker"); } catch (e) { /* private mode */ }
    if (local) {
      var check = document.querySelector("[data-tracker-check]");
      say(check, local === tracker.dataset.tracker ? S.tracker_matches : S.tracker_differs, local !== tracker.dataset.tracker);
    }
  }
})();
