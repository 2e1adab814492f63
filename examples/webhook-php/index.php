<?php
// Confirms GetCrypto payments on the shop's server: a webhook is only a hint
// that something happened; the order ships when GetCrypto's own API says the
// invoice is paid, for the amount the shop asked. Plain PHP 8, no extensions
// beyond the default ones (json, hash, openssl for an https API).
//
//   GETCRYPTO_API_KEY=... GETCRYPTO_WEBHOOK_SECRET=... \
//   ORDERS_FILE=orders.json FULFILLED_FILE=fulfilled.log \
//   php -S 127.0.0.1:3000 index.php
//
// See ../README.md for every variable and for what to change in a real shop.

declare(strict_types=1);

// A webhook is one invoice: anything much larger is not one.
const MAX_BODY = 64 * 1024;
// Below the sender's own timeout (10 s in the sandbox), so that a slow API
// makes this attempt fail cleanly and the webhook comes again later.
const API_TIMEOUT_S = 5;

function setting(string $name, ?string $fallback = null): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        if ($fallback === null) {
            answer(500, "set $name (see examples/README.md)");
        }
        return $fallback;
    }
    return $value;
}

function answer(int $code, string $message): never
{
    http_response_code($code);
    header('Content-Type: text/plain; charset=utf-8');
    echo $message, "\n";
    error_log("webhook-php: $code $message");
    exit;
}

// The signature is `sha256=` and the hex HMAC-SHA256 of the raw body under
// the webhook secret (docs/sandbox.md, "Webhooks"). It is checked over the
// bytes as received, before any parsing: re-encoded JSON is not the same
// bytes. hash_equals takes the same time wherever the first wrong character is.
function signature_valid(string $rawBody, string $secret, ?string $header): bool
{
    if ($header === null) {
        return false;
    }
    return hash_equals('sha256=' . hash_hmac('sha256', $rawBody, $secret), $header);
}

// "11", "11.0" and "11.00" are one amount; compared as text, never as floats.
function decimal(mixed $value): string
{
    $text = trim((string) $value);
    return str_contains($text, '.') ? rtrim(rtrim($text, '0'), '.') : $text;
}

// Asks the API for the invoice with the shop's key. The webhook's body is
// never trusted for the payment itself: only this answer is.
// Returns [HTTP status or 0 when unreachable, invoice or null, message].
function invoice_from_api(string $base, string $key, string $id): array
{
    $context = stream_context_create(['http' => [
        'method' => 'GET',
        'header' => "Authorization: Bearer $key\r\nAccept: application/json\r\n",
        'timeout' => API_TIMEOUT_S,
        // Read the API's JSON on a 4xx too: it says why.
        'ignore_errors' => true,
    ]]);
    $text = @file_get_contents("$base/v1/invoices/" . rawurlencode($id), false, $context);
    if ($text === false) {
        return [0, null, error_get_last()['message'] ?? 'no answer'];
    }
    // The last status line: a redirect leaves several.
    $status = 0;
    foreach ($http_response_header as $line) {
        if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $m)) {
            $status = (int) $m[1];
        }
    }
    $body = json_decode($text, true);
    $ok = is_array($body) && ($body['status'] ?? null) === true && is_array($body['data'] ?? null);
    return [$status, $ok ? $body['data'] : null, is_array($body) ? (string) ($body['message'] ?? '') : ''];
}

// What the shop expects to be paid for each order. A stand-in for the shop's
// database, read on every webhook so orders made after the start are seen.
function expected_order(string $ordersFile, string $orderId): ?array
{
    $orders = json_decode((string) file_get_contents($ordersFile), true, 16, JSON_THROW_ON_ERROR);
    return is_array($orders[$orderId] ?? null) ? $orders[$orderId] : null;
}

// What was fulfilled: one JSON line per order, the stand-in for the shop's
// database table. Read from the start of the open (locked) file.
function fulfilled(mixed $log): array
{
    rewind($log);
    $done = [];
    while (($line = fgets($log)) !== false) {
        if (trim($line) !== '') {
            $done[] = json_decode($line, true, 4, JSON_THROW_ON_ERROR);
        }
    }
    return $done;
}

if (parse_url($_SERVER['REQUEST_URI'] ?? '', PHP_URL_PATH) !== '/getcrypto/webhook') {
    answer(404, 'not found');
}
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    answer(405, 'POST only');
}

$apiBase = rtrim(setting('GETCRYPTO_API_BASE', 'https://api.getcrypto.finance'), '/');
$apiKey = setting('GETCRYPTO_API_KEY');
$projectId = setting('GETCRYPTO_PROJECT_ID');
$secret = setting('GETCRYPTO_WEBHOOK_SECRET');
$ordersFile = setting('ORDERS_FILE');
$fulfilledFile = setting('FULFILLED_FILE');

$rawBody = (string) file_get_contents('php://input', false, null, 0, MAX_BODY + 1);
if (strlen($rawBody) > MAX_BODY) {
    answer(413, 'body too large');
}
if (!signature_valid($rawBody, $secret, $_SERVER['HTTP_X_GETCRYPTO_SIGNATURE'] ?? null)) {
    answer(401, 'signature missing or wrong');
}
$event = json_decode($rawBody, true);
$id = is_array($event) ? ($event['data']['id'] ?? null) : null;
// The id goes into a URL: only the API's own shape may.
if (!is_string($id) || !preg_match('/^in_[A-Za-z0-9]{1,64}$/D', $id)) {
    answer(400, 'no invoice id in the webhook');
}

$log = fopen($fulfilledFile, 'c+');
if ($log === false || !flock($log, LOCK_SH)) {
    answer(503, "cannot open $fulfilledFile");
}
// A repeated webhook is answered without spending a request of the key's 60
// a minute, which every payer's browser shares.
if (in_array($id, array_column(fulfilled($log), 'invoice_id'), true)) {
    answer(200, "already fulfilled: $id");
}
// Not held while the API is asked: other webhooks need not wait for it.
flock($log, LOCK_UN);

[$status, $inv, $message] = invoice_from_api($apiBase, $apiKey, $id);
if ($status === 0 || $status === 401 || $status === 429 || $status >= 500) {
    // A passing problem, or this server's key is wrong: either way a later
    // attempt may succeed, so do not acknowledge (GetCrypto tries again).
    answer(503, "the API answered $status: $message");
}
// From here on a retry cannot change the facts: acknowledge with 200 so
// GetCrypto stops retrying, and fulfil only what checks out.
if ($inv === null || ($inv['id'] ?? null) !== $id) {
    error_log("webhook-php: a signed webhook names $id, which the API does not know for this key ($status): check by hand");
    answer(200, "ignored: the API does not know $id for this key ($status)");
}
$invoiceStatus = (string) ($inv['status'] ?? '');
if ($invoiceStatus === 'expired') {
    answer(200, "ignored: the API says $id expired");
}
if ($invoiceStatus !== 'paid') {
    // Announced as paid, but the API has not caught up (confirming): not
    // 200, so that GetCrypto asks again once it has.
    answer(503, "the API says $id is $invoiceStatus, not paid yet");
}
// Anyone holding the public key can open and pay an invoice for an order id
// at any amount: the shop's own record decides what "paid" must cover.
$orderId = (string) ($inv['order_id'] ?? '');
$paid = (string) ($inv['input_amount'] ?? '');
$currency = (string) ($inv['currency'] ?? '');
$order = expected_order($ordersFile, $orderId);
// An invoice of another project (the key is public, any project id can be
// sent) never pays this shop's order.
$project = (string) ($inv['project_id'] ?? '');
if ($order === null || $project !== $projectId
    || decimal($order['amount'] ?? '') !== decimal($paid) || ($order['currency'] ?? null) !== $currency) {
    error_log("webhook-php: NOT fulfilled, check by hand: $id paid $paid $currency for order $orderId");
    answer(200, "not fulfilled: $id does not match order $orderId");
}
// The check and the write under one exclusive lock: two deliveries of the
// same event at once (a retry while a slow attempt still runs, or several
// PHP workers) fulfil once.
if (!flock($log, LOCK_EX)) {
    answer(503, "cannot lock $fulfilledFile");
}
$done = fulfilled($log);
if (in_array($id, array_column($done, 'invoice_id'), true)) {
    answer(200, "already fulfilled: $id");
}
// An order ships once, whichever of its invoices paid it.
if (in_array($orderId, array_column($done, 'order_id'), true)) {
    error_log("webhook-php: order $orderId was already fulfilled; $id paid it again: refund by hand");
    answer(200, "already fulfilled: order $orderId");
}
fseek($log, 0, SEEK_END);
fwrite($log, json_encode([
    'order_id' => $orderId,
    'invoice_id' => $id,
    'amount' => $paid,
    'currency' => $currency,
]) . "\n");
fflush($log);
flock($log, LOCK_UN);
// Slow work (emails, shipping labels) belongs in a queue fed from here, not
// before the answer: the sender waits for the 200.
answer(200, "fulfilled: order $orderId");
