/**
 * Bulwark's webshell rules, in the rule format of docs/intrusion.md (YAML, loaded through the same
 * validator as user rules). Kept as text in a module so they ship with the build.
 * In single-quoted YAML a quote is written twice: `[''"]` is the class of both quote characters.
 */
export const DEFAULT_WEBSHELL_RULES_YAML = String.raw`
version: 1
rules:
  # ---------------------------------------------------------------- PHP
  - id: php-eval-request
    name: PHP eval/assert of request input
    severity: critical
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    regexes:
      - '(?:^|[^\w$>:])(?:eval|assert)(?:\s|/\*[^*]*\*/)*\((?:\s|/\*[^*]*\*/)*(?:@\s*)?(?:\$_(?:GET|POST|REQUEST|COOKIE|SERVER|FILES)\s*\[|\$HTTP_(?:GET|POST)_VARS|(?:stripslashes|trim|urldecode|html_entity_decode)\s*\(\s*\$_(?:GET|POST|REQUEST|COOKIE)|file_get_contents\s*\(\s*[''"]php://input)'

  - id: php-eval-decoded
    name: PHP eval/assert of decoded data
    description: eval or assert over base64, gzip, rot13, reversed or hex-decoded text; obfuscated droppers and shells
    severity: critical
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    regexes:
      - '(?:^|[^\w$>:])(?:eval|assert)\s*\(\s*(?:@\s*)?(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|hex2bin|convert_uudecode|rawurldecode|urldecode|pack)\s*\('

  - id: php-obfuscated-superglobal
    name: PHP superglobal reached through a built variable name
    description: a variable-variable whose name is built from string pieces (_PO and ST) hides $_POST from simple searches; legitimate code has no reason to
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    caseSensitive: true
    regexes:
      - '\$\{\s*[''"]_(?:GET|POST|REQUEST|COOKIE|SERVER|FILES)[''"]\s*\}'
      - '\$\{\s*[''"]_[A-Z]{0,6}[''"]\s*\.\s*[''"][A-Z]'

  - id: php-extract-dynamic-call
    name: PHP extract() of request input with a variable function call
    description: extract($_REQUEST) lets the client define both the function and its argument of a later $f($x)
    severity: critical
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    condition: all of regexes
    regexes:
      - 'extract\s*\(\s*\$_(?:GET|POST|REQUEST|COOKIE)'
      - '(?:^|[^\w>:$])@?\$\w+\s*\(\s*@?\$\w+'

  - id: php-preg-replace-e
    name: PHP preg_replace with the /e modifier
    description: the /e modifier evaluates the replacement as PHP code (removed in PHP 7; only backdoors still use it)
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    caseSensitive: true
    regexes:
      - 'preg_replace\s*\(\s*[''"]/[^''"]*/[a-zA-Z]*e[a-zA-Z]*[''"]'
      - 'preg_replace\s*\(\s*[''"]#[^''"]*#[a-zA-Z]*e[a-zA-Z]*[''"]'
      - 'preg_replace\s*\(\s*[''"]@[^''"]*@[a-zA-Z]*e[a-zA-Z]*[''"]'
      - 'preg_replace\s*\(\s*[''"]~[^''"]*~[a-zA-Z]*e[a-zA-Z]*[''"]'
      - 'preg_replace\s*\(\s*[''"]\|[^''"]*\|[a-zA-Z]*e[a-zA-Z]*[''"]'

  - id: php-exec-request
    name: PHP command execution of request input
    severity: critical
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    regexes:
      - '(?:^|[^\w$>:])(?:system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)\s*\(\s*(?:@\s*)?(?:\$_(?:GET|POST|REQUEST|COOKIE|SERVER)\s*\[|(?:base64_decode|stripslashes|urldecode|trim)\s*\(\s*\$_(?:GET|POST|REQUEST|COOKIE))'
      - '\x60\s*\$_(?:GET|POST|REQUEST|COOKIE)\s*\['

  - id: php-exec-request-variable
    name: PHP command execution next to request input
    description: a command runs from a variable in a file that reads request input without escaping it for the shell
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    condition: all of regexes
    regexes:
      - '(?:^|[^\w$>:])(?:system|shell_exec|passthru|popen|proc_open)\s*\(\s*\$\w+\s*[,).]'
      - '\$\w+\s*=\s*(?:trim\s*\(\s*|stripslashes\s*\(\s*)?\$_(?:GET|POST|REQUEST|COOKIE)\s*\['
    exclude:
      - 'escapeshellarg|escapeshellcmd'

  - id: php-dynamic-call-request
    name: PHP function named by request input
    description: a request value called as a function, a variable function called with request input, or a callback API handed assert/eval/system or request input
    severity: critical
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    regexes:
      - '\$_(?:GET|POST|REQUEST|COOKIE|SERVER)\s*\[[^\]\n]{1,60}\]\s*\('
      - '\$\w+\s*\(\s*(?:@\s*)?\$_(?:GET|POST|REQUEST|COOKIE)\s*\['
      - '(?:call_user_func(?:_array)?|array_map|array_filter|array_walk|usort|uasort|uksort|register_shutdown_function|register_tick_function|ob_start|iterator_apply)\s*\(\s*(?:\$_(?:GET|POST|REQUEST|COOKIE)\s*\[|[''"](?:assert|eval|system|exec|shell_exec|passthru|create_function)[''"])'
      - 'array_(?:map|filter|walk)\s*\([^;]{0,200}\$_(?:GET|POST|REQUEST|COOKIE)\s*\[[^;]{0,100}[''"](?:assert|system|exec|shell_exec|passthru)[''"]'

  - id: php-create-function-input
    name: PHP create_function over request or decoded input
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    condition: all of regexes
    regexes:
      - 'create_function\s*\('
      - 'create_function\s*\([^;]{0,300}(?:\$_(?:GET|POST|REQUEST|COOKIE)|base64_decode|gzinflate|str_rot13)'

  - id: php-obfuscated-function-name
    name: PHP function name hidden by encoding
    description: eval, assert or system spelt reversed, in rot13, base64, hex escapes or chr() chains
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    caseSensitive: true
    regexes:
      - 'strrev\s*\(\s*[''"](?:lave|tressa|metsys|cexe_llehs|urhtssap)[''"]'
      - 'str_rot13\s*\(\s*[''"](?:riny|nffreg|flfgrz|furyy_rkrp|cnffgueh)[''"]'
      - 'base64_decode\s*\(\s*[''"](?:ZXZhbA|YXNzZXJ0|c3lzdGVt|c2hlbGxfZXhlYw|cGFzc3RocnU)'
      - '(?i)[''"](?:\\x65|\\145)(?:\\x76|\\166)(?:\\x61|\\141)(?:\\x6c|\\154)[''"]'
      - '(?i)[''"](?:\\x61|\\141)(?:\\x73|\\163)(?:\\x73|\\163)(?:\\x65|\\145)(?:\\x72|\\162)(?:\\x74|\\164)[''"]'
      - '(?i)[''"](?:\\x73|\\163)(?:\\x79|\\171)(?:\\x73|\\163)(?:\\x74|\\164)(?:\\x65|\\145)(?:\\x6d|\\155)[''"]'
      - '(?i)chr\s*\(\s*\d+\s*\)\s*\.\s*chr\s*\(\s*\d+\s*\)\s*\.\s*chr\s*\(\s*\d+\s*\)\s*\.\s*chr\s*\(\s*\d+\s*\)'

  - id: php-encoded-payload
    name: PHP long encoded payload that is executed
    description: a long high-entropy base64 blob in a file that decodes/inflates and evaluates code
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    condition: entropy and all of regexes
    entropy: { min: 5.0, minLength: 256 }
    regexes:
      - '(?:^|[^\w$>:])(?:eval|assert|create_function)\s*\('
      - '(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13)\s*\('

  - id: php-upload-anything
    name: PHP one-line uploader
    description: a small file that stores an upload under a name the client chose (no checks)
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    maxFileBytes: 2048
    regexes:
      - '(?:move_uploaded_file|copy)\s*\(\s*\$_FILES\s*\[[^\]]+\]\s*\[\s*[''"]tmp_name[''"]\s*\]\s*,\s*(?:[''"][^''"]*[''"]\s*\.\s*)?(?:\$_(?:GET|POST|REQUEST)\s*\[|\$_FILES\s*\[[^\]]+\]\s*\[\s*[''"]name[''"]\s*\])'

  - id: php-write-request-path
    name: PHP writes a file at a path from the request
    severity: high
    extensions: [php, php3, php4, php5, php7, phtml, pht, phar, inc]
    regexes:
      - '(?:file_put_contents|fopen)\s*\(\s*\$_(?:GET|POST|REQUEST|COOKIE)\s*\['

  # ---------------------------------------------------------------- JSP
  - id: jsp-runtime-exec-request
    name: JSP Runtime.exec of a request parameter
    severity: critical
    extensions: [jsp, jspx, jspf]
    caseSensitive: true
    regexes:
      - 'Runtime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(\s*(?:new\s+String\s*\[\s*\]\s*\{[^}]{0,200})?request\s*\.\s*getParameter'

  - id: jsp-command-with-request
    name: JSP command execution in a page that reads request parameters
    severity: high
    extensions: [jsp, jspx, jspf]
    caseSensitive: true
    condition: all of regexes
    regexes:
      - 'Runtime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(|new\s+ProcessBuilder\s*\(|ProcessImpl|UNIXProcess'
      - 'request\s*\.\s*(?:getParameter|getHeader|getInputStream|getReader)\s*\('

  - id: jsp-class-loader-payload
    name: JSP defines classes from request data
    description: memory-shell loaders (Behinder/Godzilla style) decode a class sent in the request and define it
    severity: critical
    extensions: [jsp, jspx, jspf]
    caseSensitive: true
    condition: all of regexes
    regexes:
      - 'defineClass\s*\('
      - 'BASE64Decoder|Base64\s*\.\s*getDecoder|decodeBuffer|DatatypeConverter\s*\.\s*parseBase64Binary'
      - 'request\s*\.\s*(?:getReader|getInputStream|getParameter)\s*\('

  - id: jsp-script-engine-request
    name: JSP script engine evaluating request input
    severity: high
    extensions: [jsp, jspx, jspf]
    caseSensitive: true
    condition: all of regexes
    regexes:
      - 'ScriptEngineManager|getEngineByName'
      - '\.eval\s*\(\s*request\s*\.\s*getParameter'

  # ---------------------------------------------------------------- ASP / ASP.NET
  - id: aspx-eval-request
    name: ASP.NET eval/Execute of request input
    severity: critical
    extensions: [asp, aspx, ashx, asmx, asa, cer]
    regexes:
      - '\b(?:eval|execute|executeglobal)\s*\(?\s*request\s*(?:\.\s*(?:item|form|querystring|params|cookies)\s*)?[\[(]'

  - id: aspx-process-start-request
    name: ASP.NET process start with request input
    severity: high
    extensions: [asp, aspx, ashx, asmx, asa, cer]
    condition: all of regexes
    regexes:
      - 'Process\s*\.\s*Start\s*\(|new\s+(?:System\.Diagnostics\.)?ProcessStartInfo\s*\(|WScript\.Shell'
      - 'Request\s*(?:\.\s*(?:Item|Form|QueryString|Params)\s*)?[\[(]'

  - id: aspx-assembly-load-request
    name: ASP.NET loads an assembly from request data
    severity: critical
    extensions: [aspx, ashx, asmx]
    condition: all of regexes
    regexes:
      - 'Assembly\s*\.\s*Load\s*\('
      - 'FromBase64String|Request\s*\.\s*BinaryRead|Request\s*\.\s*Form'

  # ---------------------------------------------------------------- any script type
  - id: webshell-kit-marker
    name: Known webshell kit marker
    severity: high
    strings:
      - 'c99shell'
      - 'r57shell'
      - 'FilesMan'
      - 'b374k'
      - 'WSOsetcookie'
      - 'Weevely'
      - 'AntSword'
      - 'China Chopper'
`;
